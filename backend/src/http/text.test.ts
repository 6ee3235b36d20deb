import { describe, expect, it } from 'vitest';
import { multiline, textIssues } from './text';
import { z } from './zod';

describe('the text rule', () => {
  const Note = multiline(z.string().trim().max(500));
  const Schema = z.object({
    name: z.string(),
    note: Note.optional(),
    tags: z
      .array(z.string())
      .transform((tags) => [...new Set(tags)])
      .optional(),
    extra: z.record(z.string(), z.string()).optional(),
    choice: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('a'), text: multiline(z.string()) }),
      z.object({ kind: z.literal('b'), text: z.string() }),
    ]),
  });

  it('refuses NUL, other controls and a lone UTF-16 half anywhere, naming the path', () => {
    const input = {
      name: 'a\u0000b',
      note: 'bell\u0007',
      tags: ['ok', 'c1\u0085', 'half\ud800'],
      extra: { 'key\u0000': 'fine', fine: 'del\u007f' },
      choice: { kind: 'a', text: 'escape\u001b' },
    };
    expect(textIssues(Schema, input)).toEqual([
      { path: ['name'], message: 'text.controlCharacter' },
      { path: ['note'], message: 'text.controlCharacter' },
      { path: ['tags', 1], message: 'text.controlCharacter' },
      { path: ['tags', 2], message: 'text.controlCharacter' },
      { path: ['extra'], message: 'text.controlCharacter' },
      { path: ['extra', 'fine'], message: 'text.controlCharacter' },
      { path: ['choice', 'text'], message: 'text.controlCharacter' },
    ]);
  });

  it('keeps line breaks and tabs only in text marked multiline, through wrappers and unions', () => {
    const input = {
      name: 'one\nline',
      note: 'first\r\n\tsecond',
      tags: ['tab\t'],
      choice: { kind: 'a', text: 'two\nlines' },
    };
    expect(textIssues(Schema, input)).toEqual([
      { path: ['name'], message: 'text.singleLine' },
      { path: ['tags', 0], message: 'text.singleLine' },
    ]);
    expect(textIssues(Schema, { ...input, choice: { kind: 'b', text: 'two\nlines' } })).toContainEqual({
      path: ['choice', 'text'],
      message: 'text.singleLine',
    });
  });

  it('accepts ordinary text, emoji and CJK, and keys the schema does not know when they are clean', () => {
    expect(textIssues(Schema, { name: '聊城 水城快贷 👍🏽', unknown: 'x', choice: { kind: 'b', text: '' } })).toEqual([]);
    expect(textIssues(undefined, { 'a\nb': 1 })).toEqual([{ path: [], message: 'text.singleLine' }]);
    expect(textIssues(Schema, { name: 'x', choice: { kind: 'c', text: 'a\u0000' } })).toEqual([
      { path: ['choice', 'text'], message: 'text.controlCharacter' },
    ]);
  });
});
