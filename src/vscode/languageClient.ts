// vscode-languageclient, taken as the CommonJS module it is. In the bundle, an ES import of a
// CommonJS module becomes esbuild's __toESM: a new object with a getter for every one of the
// module's 323 exports, built in each importing module while the extension loads. `import =
// require` uses the module's own exports object, and the rest of the client imports from here.
import languageClient = require('vscode-languageclient/node');

export import LanguageClient = languageClient.LanguageClient;
export import TransportKind = languageClient.TransportKind;
export import DidChangeConfigurationNotification = languageClient.DidChangeConfigurationNotification;
export import ExecuteCommandRequest = languageClient.ExecuteCommandRequest;
export type LanguageClientOptions = languageClient.LanguageClientOptions;
export type ServerOptions = languageClient.ServerOptions;
