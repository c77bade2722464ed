// Tokenises every .sgd of examples/ (and of stdlib/) with the extension's
// TextMate grammar, through vscode-textmate and vscode-oniguruma as VS Code
// does, and checks that comments, strings, keywords and units get their
// scopes. The expected places are found independently of the grammar: by a
// plain scan of each line for comments and strings, keywords at the start of
// an item, and a word after a number on its line (the unit rule of
// docs/language.md §2.6).
//
//   node test/grammar.test.js REPOSITORY
'use strict';

const fs = require('fs');
const path = require('path');
const vsctm = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

const repository = path.resolve(process.argv[2] || path.join(__dirname, '..', '..', '..'));
const grammarPath = path.join(__dirname, '..', 'syntaxes', 'sgd.tmLanguage.json');

const KEYWORDS = new Set(('after and applies at auto before building cite comply component const ' +
  'else false hall if import message milestone not or preorder rack redundancy require row ' +
  'rule ruleset schedule scope severity site task template then true where zone').split(' '));

function designFiles(folder) {
  const result = [];
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) result.push(...designFiles(full));
    else if (entry.name.endsWith('.sgd')) result.push(full);
  }
  return result.sort();
}

// Spans [start, end) of strings and the start of a line comment, by a plain
// scan that knows escapes; block comments are tracked across lines.
function scanLine(line, state) {
  const strings = [];
  const comments = [];
  let i = 0;
  if (state.inBlock) {
    const close = line.indexOf('*/');
    const end = close < 0 ? line.length : close + 2;
    comments.push([0, end]);
    state.inBlock = close < 0;
    i = end;
  }
  while (i < line.length) {
    if (line.startsWith('//', i)) { comments.push([i, line.length]); break; }
    if (line.startsWith('/*', i)) {
      const close = line.indexOf('*/', i + 2);
      const end = close < 0 ? line.length : close + 2;
      comments.push([i, end]);
      state.inBlock = close < 0;
      i = end;
      continue;
    }
    if (line[i] === '"') {
      let j = i + 1;
      while (j < line.length && line[j] !== '"') j += line[j] === '\\' ? 2 : 1;
      strings.push([i, Math.min(j + 1, line.length)]);
      i = j + 1;
      continue;
    }
    i++;
  }
  return { strings, comments };
}

function inside(spans, at) { return spans.some(([a, b]) => at >= a && at < b); }

async function main() {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer;
  await oniguruma.loadWASM(wasm);
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async () => vsctm.parseRawGrammar(fs.readFileSync(grammarPath, 'utf8'), grammarPath),
  });
  const grammar = await registry.loadGrammar('source.sgd');

  const files = designFiles(path.join(repository, 'examples'))
    .concat(designFiles(path.join(repository, 'stdlib')));
  const failures = [];
  const counts = { comment: 0, string: 0, keyword: 0, unit: 0 };
  for (const file of files) {
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    let ruleStack = vsctm.INITIAL;
    const state = { inBlock: false };
    lines.forEach((line, number) => {
      const { tokens, ruleStack: next } = grammar.tokenizeLine(line, ruleStack);
      ruleStack = next;
      const scopesAt = (at) => {
        const token = tokens.find((t) => at >= t.startIndex && at < t.endIndex);
        return token ? token.scopes.join(' ') : '';
      };
      const where = `${path.relative(repository, file)}:${number + 1}`;
      const expect = (at, scope, what) => {
        if (!scopesAt(at).includes(scope))
          failures.push(`${where}:${at + 1}: ${what} has scopes '${scopesAt(at)}', want ${scope}`);
      };
      const { strings, comments } = scanLine(line, state);
      for (const [start] of comments) { expect(start, 'comment', 'a comment'); counts.comment++; }
      for (const [start] of strings) { expect(start, 'string.quoted.double', 'a string'); counts.string++; }
      const code = (at) => !inside(strings, at) && !inside(comments, at);
      // A keyword that starts an item (not an attribute name: `zone = x`).
      const first = /^\s*([a-z_]+)\b(?!\s*=)/.exec(line);
      if (first && KEYWORDS.has(first[1]) && code(first.index + first[0].indexOf(first[1]))) {
        expect(first[0].length - first[1].length, 'keyword', `keyword '${first[1]}'`);
        counts.keyword++;
      }
      // A unit: a word or % after a number on its line, not a keyword.
      for (const match of line.matchAll(/(?<![\w.])(\d[\d_]*(?:\.\d[\d_]*)?)[ \t]*(%|[A-Za-z_]\w*)/g)) {
        const unitAt = match.index + match[0].length - match[2].length;
        if (!code(match.index) || KEYWORDS.has(match[2]) || /^\d{4}-/.test(line.slice(match.index)))
          continue;
        expect(unitAt, 'keyword.other.unit', `unit '${match[2]}'`);
        expect(match.index, 'constant.numeric', `number '${match[1]}'`);
        counts.unit++;
      }
    });
  }
  for (const [what, count] of Object.entries(counts))
    if (count < 20) failures.push(`only ${count} ${what}s checked; were the examples moved?`);
  if (failures.length) {
    console.log(failures.slice(0, 40).join('\n'));
    console.log(`0 passed, ${failures.length} failed`);
    process.exit(1);
  }
  console.log(`ok: ${files.length} files; ${counts.comment} comments, ${counts.string} strings, ` +
              `${counts.keyword} keywords and ${counts.unit} units have their scopes`);
}

main().catch((error) => { console.error(error); process.exit(1); });
