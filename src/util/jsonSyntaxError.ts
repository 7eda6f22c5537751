import { printParseErrorCode, visit } from 'jsonc-parser';

/** jsonc-parser's error names (its codes are a const enum, out of reach here) in words. */
const wording: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  PropertyNameExpected: 'a property name in double quotes expected',
  ValueExpected: 'a value expected',
  ColonExpected: '":" expected',
  CommaExpected: '"," expected',
  CloseBraceExpected: '"}" expected',
  CloseBracketExpected: '"]" expected',
  EndOfFileExpected: 'nothing expected after the value',
  InvalidCommentToken: 'JSON allows no comments',
  UnexpectedEndOfString: 'a string not closed on its line',
};

/**
 * Where a text first breaks JSON, as `line 3, column 7: "," expected`. Only the first place: past it the parser
 * guesses, and one typo would read as several.
 */
export function jsonSyntaxError(text: string): string | undefined {
  let first: string | undefined;
  visit(
    text,
    {
      onError(code, offset, _length, line, column) {
        if (first) return;
        const name = printParseErrorCode(code);
        const trailingComma = (name === 'ValueExpected' || name === 'PropertyNameExpected') && text.slice(0, offset).trimEnd().endsWith(',');
        const what = trailingComma ? 'JSON allows no comma before a closing bracket' : (wording[name] ?? name);
        first = `line ${line + 1}, column ${column + 1}: ${what}`;
      },
    },
    { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false },
  );
  return first;
}
