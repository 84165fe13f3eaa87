import { describe, expect, it } from 'vitest';
import { en } from './en';
import { zhCN } from './zh-CN';

type Tree = { readonly [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [[`${prefix}${key}`, value] as [string, string]] : leaves(value, `${prefix}${key}.`),
  );
}

describe('message catalogues', () => {
  it('have the same keys in both languages, none empty', () => {
    const zh = leaves(zhCN);
    const english = leaves(en);
    expect(english.map(([key]) => key).sort()).toEqual(zh.map(([key]) => key).sort());
    expect([...zh, ...english].filter(([, text]) => text.trim() === '')).toEqual([]);
  });

  it('use the same interpolation variables in both languages', () => {
    const variables = (text: string) => [...text.matchAll(/{{(\w+)}}/g)].map((match) => match[1]).sort();
    const english = new Map(leaves(en));
    for (const [key, text] of leaves(zhCN)) expect(variables(english.get(key) ?? ''), key).toEqual(variables(text));
  });
});
