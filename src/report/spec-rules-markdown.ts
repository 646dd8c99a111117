import type { RuleDefinition } from '../spec-change/diff/change.js';
import { CLASSIFICATION_LABEL } from './spec-change-text.js';

const WIDTH = 100;

/** `text` cut into lines of at most WIDTH characters at spaces, every line after the first indented by `indent`. */
function wrap(text: string, indent: string): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = indent + word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  lines.push(line);
  return lines.join('\n');
}

/**
 * The rules of `spec diff` as a markdown page, family by family, one list item per rule (what
 * `tasks-contract spec rules` prints and `docs/spec-rules.md` holds): lines short enough to read as text.
 *
 * @example
 * specRulesMarkdown(RULES).split('\n')[0]; // '# The rules of `spec diff`'
 */
export function specRulesMarkdown(rules: readonly RuleDefinition[]): string {
  const out = [
    '# The rules of `spec diff`',
    '',
    wrap(
      'Generated from `src/spec-change/diff/rules/` by `npm run gen:rules` (`tasks-contract spec rules` prints the same); ' +
        'a test fails when this page is stale. Each rule says whom a change of its kind breaks and its default ' +
        'severity, which `.tasks-contract.yaml` can override (see [spec changes](spec-change.md)), and the oasdiff ' +
        'rule that measures the same change, where we are confident of it.',
      '',
    ),
  ];
  let family = '';
  for (const rule of rules) {
    if (rule.family !== family) {
      family = rule.family;
      out.push('', `## ${family}`, '');
    }
    const oasdiff = rule.oasdiff ? ` oasdiff: \`${rule.oasdiff}\`.` : '';
    out.push(
      wrap(
        `- \`${rule.id}\` (${CLASSIFICATION_LABEL[rule.classification]}, ${rule.severity}): ${rule.summary}.${oasdiff}`,
        '  ',
      ),
    );
  }
  return `${out.join('\n')}\n`;
}
