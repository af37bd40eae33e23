/** Technique ids of matrices other than ATT&CK Enterprise (MITRE ATLAS `AML.T0051`): what they are, not a 404. */
import { readDataFile } from '../data-file.js';

export interface OtherMatrix {
  name: string;
  about: string;
  /** The technique's page at the matrix's publisher. */
  url: string;
}

interface MatricesFile {
  matrices: Array<{ prefix: string; name: string; about: string; url: string }>;
}

export function otherMatrix(id: string): OtherMatrix | undefined {
  const upper = id.toUpperCase();
  const found = readDataFile<MatricesFile>('attack-matrices.json').matrices.find((m) =>
    upper.startsWith(m.prefix),
  );
  return (
    found && {
      name: found.name,
      about: found.about,
      url: found.url.replace('{id}', encodeURIComponent(upper)),
    }
  );
}
