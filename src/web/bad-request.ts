/** A request the catalog cannot answer as asked (an unknown filter value): a 400 naming the nearest valid value. */
export class BadRequest extends Error {
  constructor(
    message: string,
    readonly suggestion?: string,
  ) {
    super(message);
  }
}
