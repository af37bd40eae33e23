/** `node dist/bench/convert-main.js [CORPUS]`: the conversion figures alone, one per line. */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { convertFigures } from './convert-figures.js';
import { formatFigure } from './figures.js';
import { convertRegressionFigures } from './convert-regression.js';

const corpus = process.argv[2] ?? resolve(fileURLToPath(new URL('../../../shared/corpus', import.meta.url)));
const print = (f: Parameters<typeof formatFigure>[0]): void => console.log(formatFigure(f));
await convertRegressionFigures(corpus, print);
convertFigures(corpus, print);
