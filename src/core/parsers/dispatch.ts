// Which parser reads which file, by name.
import type { FileFacts, ParseContext, SourceKind } from '../model';
import { isComposeFileName, parseCompose } from './compose';
import { isEnvFileName, parseEnv } from './env';
import { isMarkdownFileName, parseMarkdown } from './markdown/parseMarkdown';
import { isRegistryFileName, parseRegistry } from './registry';

export function sourceKindOf(fileName: string): SourceKind | undefined {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  if (isRegistryFileName(base)) return 'registry';
  if (isComposeFileName(base)) return 'compose';
  if (isEnvFileName(base)) return 'env';
  if (isMarkdownFileName(base)) return 'markdown';
  return undefined;
}

export function parseByKind(kind: SourceKind, text: string, ctx: ParseContext): FileFacts {
  switch (kind) {
    case 'registry': return parseRegistry(text, ctx);
    case 'compose': return parseCompose(text, ctx);
    case 'env': return parseEnv(text, ctx);
    case 'markdown': return parseMarkdown(text, ctx);
  }
}
