/** The test files the worker runs, made by esbuild.mjs (`--engine-tests`): each file's name (under test/unit) and what loads it. */
declare module 'engine-test-files' {
  /** Single tests left to Node (nodeOnly.json's `tests`), as `file › suite › test`. */
  export const NODE_ONLY_TESTS: string[];
  export const TEST_FILES: [file: string, load: () => void][];
}
