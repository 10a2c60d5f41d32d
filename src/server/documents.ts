// The documents the client has open (incremental sync), found by file system path: their unsaved
// text overrides the disk for the index.
import { TextDocuments } from './lsp';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fsPathOf } from './uris';

export class OpenDocuments {
  readonly documents = new TextDocuments(TextDocument);
  private readonly uriByPath = new Map<string, string>();

  constructor() {
    this.documents.onDidOpen(({ document }) => {
      const abs = fsPathOf(document.uri);
      if (abs !== undefined) this.uriByPath.set(abs, document.uri);
    });
    this.documents.onDidClose(({ document }) => {
      const abs = fsPathOf(document.uri);
      if (abs !== undefined && this.uriByPath.get(abs) === document.uri) this.uriByPath.delete(abs);
    });
  }

  uriAt(abs: string): string | undefined {
    const uri = this.uriByPath.get(abs);
    return uri !== undefined && this.documents.get(uri) ? uri : undefined;
  }

  textAt(abs: string): string | undefined {
    const uri = this.uriByPath.get(abs);
    return uri === undefined ? undefined : this.documents.get(uri)?.getText();
  }
}
