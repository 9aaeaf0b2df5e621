/**
 * What a surface (a kind of file that can publish container ports) tells the engine: how its
 * documents are recognised, how they are read, and how the editor should offer it. Each surface's
 * folder under readers/ exports one Reader; readers/registry.ts lists them.
 */
import type { DocumentFacts } from '../model';
import type { GrammarName } from './support/grammars';
import type { IncrementalOptions, IncrementalReader } from '../incremental/incrementalReader';

export interface ReadContext {
  /** Compose interpolation values (the `.env` beside a Compose file); empty elsewhere. */
  environment: Readonly<Record<string, string>>;
}

/**
 * How a document is recognised. Precedence, over the whole registry in its order:
 *   1. a language id in `languages`;
 *   2. a name (`fileName`/`path`) with `nameUnderLanguages: 'any'`, whatever the language;
 *   3. any other specific language id: not ours;
 *   4. a name (`fileName`/`path`), when the language is plain text, unknown, or one of
 *      `nameUnderLanguages` (a generic id such as `yaml` that says nothing more);
 *   5. `content`, on files that neither name nor language settled;
 *   6. (the CLI's walk) `firstLine`, on files without an extension.
 */
export interface Recognition {
  /** Language ids (VS Code's, and other editors' common ones) that are this surface whatever the name. */
  languages?: readonly string[];
  /** Base names that are this surface by themselves (`Dockerfile`, `compose.yaml`). */
  fileName?: RegExp;
  /** Paths (forward slashes, any prefix) that are this surface by themselves (`.github/workflows/*.yml`). */
  path?: RegExp;
  /** Generic language ids under which `fileName`/`path` still decide (`['yaml']`), or `'any'` (Quadlet units open as ini, systemd or text). */
  nameUnderLanguages?: readonly string[] | 'any';
  /**
   * A cheap test on the start of a generic file (YAML with a top-level `services:`): `fileName` says
   * which files are candidates when no language says, `languages` which language ids make one.
   * It sees the first 64 KiB in the CLI's walk and the whole text in the editor.
   */
  content?: { fileName: RegExp; languages: readonly string[]; test(text: string): boolean };
  /** Files without an extension whose first line (a shebang) makes them this surface. */
  firstLine?: (line: string) => boolean;
  /**
   * A cheap test on the whole text of a file that name or language made this surface, for surfaces
   * written in source code (`docker` in a Python file): without it the file holds nothing of this
   * surface, the walk leaves it out and the engine reads nothing. One scan. The extension's client
   * applies it too before it starts the server for such a file (readers/sourceCode.ts), and after an
   * edit re-tests only the lines the edit touched: what it looks for lies within one line.
   */
  mayHold?: (text: string) => boolean;
  /**
   * Words of which `mayHold` needs at least one (a text without any fails it), in ASCII: the CLI's
   * walk looks for them in a file's bytes, without decoding it, and runs `mayHold` only on a file
   * that holds one. Required with `mayHold`.
   */
  words?: readonly string[];
}

/** How VS Code learns to send this surface's documents; a test checks client/src/extension.ts and package.json against it. */
export interface EditorContribution {
  /** Entries of the client's DOCUMENT_SELECTOR. */
  selector: readonly { language?: string; pattern?: string }[];
  /** package.json activation events (`onLanguage:…`, `workspaceContains:…`). */
  activation: readonly string[];
}

export interface Reader<Id extends string = string> {
  /** The document kind: facts, messages, the walk's output and the registry name it. Also its folder's name. */
  readonly id: Id;
  /** How people call it: the row of the README's "What it reads" table starts with it. */
  readonly title: string;
  readonly recognise: Recognition;
  readonly editor: EditorContribution;
  /**
   * Facts from the whole text. Written to be total (any text: facts or nothing, linear in size);
   * the engine still catches a throw so one document never takes the server down.
   */
  extract(text: string, context: ReadContext): DocumentFacts;
  /** Per-document state that re-reads only what changed; absent: always read whole. */
  incremental?(options: IncrementalOptions): IncrementalReader;
  /** Facts of other surfaces shown inside this one (a page's Compose blocks), merged with its own. */
  embedded?(text: string, context: ReadContext): DocumentFacts | undefined;
  /** The comment the "Ignore … on this line" action writes (every style is understood everywhere). */
  readonly ignoreComment: 'hash' | 'slash' | 'html';
  /**
   * Whether reading this text may parse YAML (a page's Compose blocks): a hint the CLI's two threads
   * use to keep YAML on one of them. Never a reason to read or skip anything.
   */
  mayReadYaml?(text: string): boolean;
  /** Needs the bash grammar loaded before it reads (the threads load it only then). */
  readonly usesBashGrammar?: boolean;
  /** The tree-sitter grammars it parses with (readers/code/grammars.ts), loaded when its first document comes. */
  readonly grammars?: readonly GrammarName[];
  /** Shows examples rather than one deployment (pages): its publishes never conflict with each other and the port map says so. */
  readonly showsExamples?: boolean;
}
