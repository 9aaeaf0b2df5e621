/** Dockerfile `EXPOSE`, parsed by dockerfile-ast with ARG/ENV expansion as BuildKit does it. */
import { DockerfileParser } from 'dockerfile-ast';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentFacts, emptyFacts } from '../model';
import { readPublishSpec } from '../spec/publishSpec';
import { relevantInstructionsView } from './dockerfileView';

/** `useView: false` parses the whole text; tests use it to check that the view changes nothing. */
export function extractDockerfile(text: string, useView = true): DocumentFacts {
  const facts = emptyFacts('dockerfile');
  const document = TextDocument.create('file:///Dockerfile', 'dockerfile', 0, text);
  let instructions;
  try {
    instructions = DockerfileParser.parse(useView ? relevantInstructionsView(text) : text).getInstructions();
  } catch {
    return facts;
  }
  for (const instruction of instructions) {
    if (instruction.getKeyword() !== 'EXPOSE') continue;
    const written = instruction.getArguments();
    const expanded = instruction.getExpandedArguments();
    for (let i = 0; i < expanded.length; i++) {
      const argument = expanded[i];
      const range = argument.getRange();
      const span = { start: document.offsetAt(range.start), end: document.offsetAt(range.end) };
      const value = unquote(argument.getValue());
      // An argument that expands to nothing (an unset variable) or to several words has no single reading.
      if (value === '' || /\s/.test(value)) continue;
      facts.exposes.push({
        span,
        origin: 'dockerfile',
        written: written[i]?.getValue() ?? text.slice(span.start, span.end),
        expanded: value,
        reading: readPublishSpec(value),
      });
    }
  }
  return facts;
}

/** BuildKit's shell lexer removes quotes before the port is parsed: `EXPOSE "80"` is port 80. */
function unquote(value: string): string {
  return value.replace(/"([^"]*)"|'([^']*)'/g, (_, double, single) => double ?? single);
}
