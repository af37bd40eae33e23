/** `--help` says what every command, argument and option is for: none is left without a description. */
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from './program.js';

/** Every command below the program, depth first. */
function commandsOf(cmd: Command): Command[] {
  return cmd.commands.flatMap((c) => [c, ...commandsOf(c)]);
}

const program = buildProgram(() => undefined);
const commands = commandsOf(program);

describe('ruleatlas --help', () => {
  it('describes every command', () => {
    expect(commands.length).toBeGreaterThanOrEqual(19);
    const bare = commands.filter((c) => !c.description().trim()).map((c) => c.name());
    expect(bare).toEqual([]);
  });

  it('describes every option and argument of every command', () => {
    const bare = commands.flatMap((c) => [
      ...c.options.filter((o) => !o.description.trim()).map((o) => `${c.name()} ${o.flags}`),
      ...c.registeredArguments.filter((a) => !a.description.trim()).map((a) => `${c.name()} <${a.name()}>`),
    ]);
    expect(bare).toEqual([]);
  });

  it('shows the descriptions in the help text', () => {
    const search = commands.find((c) => c.name() === 'search')!;
    const help = search.helpInformation();
    expect(help).toMatch(/--language <l>\s+a query language/);
    expect(help).toMatch(/--sort <order>\s+relevance/);
    expect(help).toMatch(/--csv\s+every matching rule as CSV/);
  });

  it('takes a facet option several times', () => {
    let options: Record<string, unknown> = {};
    const p = buildProgram(() => undefined);
    p.commands
      .find((c) => c.name() === 'search')!
      .action((_text, o) => {
        options = o;
      });
    p.parse(['search', 'bits', '--language', 'sigma', '--language', 'eql', '--sort', 'date'], {
      from: 'user',
    });
    expect(options).toMatchObject({ language: ['sigma', 'eql'], sort: 'date' });
  });
});
