/** `node dist/bench/convert-main.js [CORPUS]`: the conversion figures alone, one per line. */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { convertFigures } from './convert-figures.js';
import { formatFigure } from './figures.js';

const corpus = process.argv[2] ?? resolve(fileURLToPath(new URL('../../../shared/corpus', import.meta.url)));
convertFigures(corpus, (f) => console.log(formatFigure(f)));
