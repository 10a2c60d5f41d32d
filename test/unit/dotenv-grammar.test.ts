// The dotenv TextMate grammar (syntaxes/dotenv.tmLanguage.json), tokenized with the same engine
// VS Code uses (vscode-textmate + the Oniguruma WASM build), asserting the scopes of each token.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, parseRawGrammar, Registry, type IGrammar, type StateStack } from 'vscode-textmate';

const GRAMMAR_PATH = join(__dirname, '..', '..', 'syntaxes', 'dotenv.tmLanguage.json');

let grammar: Promise<IGrammar>;
function loadGrammar(): Promise<IGrammar> {
  grammar ??= (async () => {
    const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const registry = new Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
        createOnigString: (s) => new oniguruma.OnigString(s),
      }),
      loadGrammar: async (scopeName) =>
        scopeName === 'source.dotenv' ? parseRawGrammar(readFileSync(GRAMMAR_PATH, 'utf8'), GRAMMAR_PATH) : null,
    });
    const g = await registry.loadGrammar('source.dotenv');
    assert.ok(g, 'grammar loads');
    return g;
  })();
  return grammar;
}

interface Token {
  text: string;
  /** Scopes below source.dotenv, outermost first. */
  scopes: string[];
}

/** Tokens of each line of `text`, carrying the state across lines as VS Code does. */
async function tokenize(text: string): Promise<Token[][]> {
  const g = await loadGrammar();
  let state: StateStack = INITIAL;
  return text.split('\n').map((line) => {
    const result = g.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens.map((t) => {
      assert.equal(t.scopes[0], 'source.dotenv');
      return { text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes.slice(1) };
    });
  });
}

async function line(text: string): Promise<Token[]> {
  const [tokens] = await tokenize(text);
  return tokens;
}

/** The token spelled `text` (the `nth` one of that spelling). */
function token(tokens: Token[], text: string, nth = 0): Token {
  const found = tokens.filter((t) => t.text === text);
  assert.ok(found[nth], `no token ${JSON.stringify(text)} in ${JSON.stringify(tokens.map((t) => t.text))}`);
  return found[nth];
}

test('a full-line comment is one comment token with its # marked', async () => {
  assert.deepEqual(await line('# Local ports'), [
    { text: '#', scopes: ['comment.line.number-sign.dotenv', 'punctuation.definition.comment.dotenv'] },
    { text: ' Local ports', scopes: ['comment.line.number-sign.dotenv'] },
  ]);
  assert.deepEqual((await line('   # indented'))[1].scopes, ['comment.line.number-sign.dotenv', 'punctuation.definition.comment.dotenv']);
});

test('KEY=number: key, operator and a numeric value', async () => {
  assert.deepEqual(await line('GATEWAY_PORT=8000'), [
    { text: 'GATEWAY_PORT', scopes: ['variable.other.key.dotenv'] },
    { text: '=', scopes: ['keyword.operator.assignment.dotenv'] },
    { text: '8000', scopes: ['constant.numeric.integer.dotenv'] },
  ]);
});

test('export prefix and blanks around =', async () => {
  const tokens = await line('export API_URL = http://localhost:8080/api');
  assert.deepEqual(token(tokens, 'export').scopes, ['keyword.other.export.dotenv']);
  assert.deepEqual(token(tokens, 'API_URL').scopes, ['variable.other.key.dotenv']);
  assert.deepEqual(token(tokens, '=').scopes, ['keyword.operator.assignment.dotenv']);
  assert.deepEqual(token(tokens, 'http://localhost:8080/api').scopes, ['string.unquoted.dotenv']);
});

test('unquoted value with an inline comment: the comment needs a blank before #', async () => {
  const tokens = await line('HOST=db.internal # the database');
  assert.deepEqual(token(tokens, 'db.internal').scopes, ['string.unquoted.dotenv']);
  assert.deepEqual(token(tokens, '#').scopes, ['comment.line.number-sign.dotenv', 'punctuation.definition.comment.dotenv']);
  assert.deepEqual(token(tokens, ' the database').scopes, ['comment.line.number-sign.dotenv']);

  const hashInside = await line('ROUTE=http://app/#/home');
  assert.deepEqual(token(hashInside, 'http://app/#/home').scopes, ['string.unquoted.dotenv']);
  assert.ok(!hashInside.some((t) => t.scopes.some((s) => s.startsWith('comment'))), 'no comment without a blank before #');

  const portWithComment = await line('AUTH_PORT=8002  # token service');
  assert.deepEqual(token(portWithComment, '8002').scopes, ['constant.numeric.integer.dotenv']);
  assert.deepEqual(token(portWithComment, '#').scopes, ['comment.line.number-sign.dotenv', 'punctuation.definition.comment.dotenv']);
});

test('unquoted value with blanks inside stays one string', async () => {
  const tokens = await line('GREETING=hello big world');
  assert.deepEqual(token(tokens, 'hello big world').scopes, ['string.unquoted.dotenv']);
});

test('double-quoted value: punctuation, escapes, ${VAR} and $VAR interpolation, trailing comment', async () => {
  const tokens = await line('DATABASE_URL="postgres://${DB_HOST}:$DB_PORT/app\\n" # primary');
  const dq = 'string.quoted.double.dotenv';
  assert.deepEqual(token(tokens, '"', 0).scopes, [dq, 'punctuation.definition.string.begin.dotenv']);
  assert.deepEqual(token(tokens, 'postgres://').scopes, [dq]);
  assert.deepEqual(token(tokens, '${').scopes, [dq, 'meta.interpolation.dotenv', 'punctuation.definition.interpolation.begin.dotenv']);
  assert.deepEqual(token(tokens, 'DB_HOST').scopes, [dq, 'meta.interpolation.dotenv', 'variable.other.interpolated.dotenv']);
  assert.deepEqual(token(tokens, '}').scopes, [dq, 'meta.interpolation.dotenv', 'punctuation.definition.interpolation.end.dotenv']);
  assert.deepEqual(token(tokens, '$').scopes, [dq, 'meta.interpolation.dotenv', 'punctuation.definition.variable.dotenv']);
  assert.deepEqual(token(tokens, 'DB_PORT').scopes, [dq, 'meta.interpolation.dotenv', 'variable.other.interpolated.dotenv']);
  assert.deepEqual(token(tokens, '\\n').scopes, [dq, 'constant.character.escape.dotenv']);
  assert.deepEqual(token(tokens, '"', 1).scopes, [dq, 'punctuation.definition.string.end.dotenv']);
  assert.deepEqual(token(tokens, '#').scopes, ['comment.line.number-sign.dotenv', 'punctuation.definition.comment.dotenv']);
});

test('${VAR:-default}: the expansion operator, and a # inside quotes is not a comment', async () => {
  const tokens = await line('WEB_PORT="${WEB_PORT:-8080} #not-a-comment"');
  assert.deepEqual(token(tokens, 'WEB_PORT', 1).scopes, ['string.quoted.double.dotenv', 'meta.interpolation.dotenv', 'variable.other.interpolated.dotenv']);
  assert.deepEqual(token(tokens, ':-').scopes, ['string.quoted.double.dotenv', 'meta.interpolation.dotenv', 'keyword.operator.expansion.dotenv']);
  assert.deepEqual(token(tokens, '8080').scopes, ['string.quoted.double.dotenv', 'meta.interpolation.dotenv']);
  assert.ok(!tokens.some((t) => t.scopes.some((s) => s.startsWith('comment'))));
});

test('interpolation in an unquoted value; a - in the default is not an operator', async () => {
  const tokens = await line('UPSTREAM=${UPSTREAM_URL:-http://a-b:9000}');
  const meta = ['string.unquoted.dotenv', 'meta.interpolation.dotenv'];
  assert.deepEqual(token(tokens, 'UPSTREAM_URL').scopes, [...meta, 'variable.other.interpolated.dotenv']);
  assert.deepEqual(token(tokens, ':-').scopes, [...meta, 'keyword.operator.expansion.dotenv']);
  assert.deepEqual(token(tokens, 'http://a-b:9000').scopes, meta);
});

test('single-quoted value is literal: no interpolation', async () => {
  const tokens = await line("PASSWORD='p@ss $NOT_A_VAR ${NOR_THIS}'");
  const sq = 'string.quoted.single.dotenv';
  assert.deepEqual(token(tokens, "'", 0).scopes, [sq, 'punctuation.definition.string.begin.dotenv']);
  assert.deepEqual(token(tokens, 'p@ss $NOT_A_VAR ${NOR_THIS}').scopes, [sq]);
  assert.deepEqual(token(tokens, "'", 1).scopes, [sq, 'punctuation.definition.string.end.dotenv']);
});

test('a double-quoted value may span lines; the next assignment starts fresh', async () => {
  const [first, middle, last, next] = await tokenize('KEY="-----BEGIN KEY-----\nabc$X\n-----END KEY-----"\nPORT=9000');
  assert.deepEqual(token(first, '-----BEGIN KEY-----').scopes, ['string.quoted.double.dotenv']);
  assert.deepEqual(token(middle, 'abc').scopes, ['string.quoted.double.dotenv']);
  assert.deepEqual(token(middle, 'X').scopes, ['string.quoted.double.dotenv', 'meta.interpolation.dotenv', 'variable.other.interpolated.dotenv']);
  assert.deepEqual(token(last, '"').scopes, ['string.quoted.double.dotenv', 'punctuation.definition.string.end.dotenv']);
  assert.deepEqual(token(next, 'PORT').scopes, ['variable.other.key.dotenv']);
  assert.deepEqual(token(next, '9000').scopes, ['constant.numeric.integer.dotenv']);
});

test('empty values and a comment right after =', async () => {
  assert.deepEqual(await line('EMPTY='), [
    { text: 'EMPTY', scopes: ['variable.other.key.dotenv'] },
    { text: '=', scopes: ['keyword.operator.assignment.dotenv'] },
  ]);
  const tokens = await line('EMPTY= # nothing');
  assert.deepEqual(token(tokens, '#').scopes, ['comment.line.number-sign.dotenv', 'punctuation.definition.comment.dotenv']);
  assert.ok(!tokens.some((t) => t.scopes.includes('string.unquoted.dotenv')));
});

test('a port followed by more text is a string, not a number', async () => {
  const tokens = await line('BIND=8000:8000');
  assert.deepEqual(token(tokens, '8000:8000').scopes, ['string.unquoted.dotenv']);
});

test('a line that is not an assignment gets no scopes', async () => {
  assert.deepEqual(await line('not an assignment'), [{ text: 'not an assignment', scopes: [] }]);
});
