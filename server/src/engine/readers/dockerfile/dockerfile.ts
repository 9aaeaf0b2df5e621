/**
 * Dockerfile `EXPOSE`, parsed by dockerfile-ast, with ARG and ENV resolved the way BuildKit
 * resolves them: per build stage, `ENV K=V` and the legacy `ENV K V`, chains of variables,
 * `${K:-default}` / `${K:+alt}`, global ARGs (before the first FROM) that a stage re-declares,
 * ENV inherited from a parent stage (`FROM build AS run`). An ARG without a default is set at build
 * time and a variable set by nobody here may come from the base image: both are unknown, not errors.
 */
import { Arg, DockerfileParser, Env, From, Instruction } from 'dockerfile-ast';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentFacts, emptyFacts, Owner } from '../../model';
import { interpolate, InterpolationOptions } from '../../grammar/interpolation';
import { literalText } from '../../grammar/mappedText';
import { readPublishSpec, UNKNOWN_TEXT } from '../../grammar/publishSpec';
import { relevantInstructionsView } from './dockerfileView';

const BUILDKIT: InterpolationOptions = { source: 'ARG/ENV', dollarEscape: false };

/**
 * What resolving ARG and ENV cost in the last extraction: variables looked up, and variables
 * copied from one map to another (a stage starts with its parent's ENV). Linear in the
 * instructions: the unit tests count both on documents of doubling size.
 */
export const resolutionWork = { lookups: 0, copiedVariables: 0 };

/** A map of variables that counts its lookups (interpolation reads it through `get`). */
class Variables extends Map<string, string> {
  override get(name: string): string | undefined {
    resolutionWork.lookups++;
    return super.get(name);
  }
}

function copied(variables: Variables | undefined): Variables {
  resolutionWork.copiedVariables += variables?.size ?? 0;
  return new Variables(variables ?? []);
}

/**
 * The variables a stage sees while its instructions are read in order. Expanding a value looks
 * its variables up in the current maps: copying them for every instruction made a stage with
 * thousands of ENV quadratic (10,000 instructions, a quarter ENV: 2 s).
 */
class BuildScope {
  private readonly globalArgs = new Variables();
  private readonly stageEnvs = new Map<string, Variables>();
  private inStage = false;
  private env = new Variables();
  private visible = new Variables();

  expand(value: string): { text: string; notes: string[] } {
    const result = interpolate(literalText(value, 0), this.inStage ? this.visible : this.globalArgs, BUILDKIT);
    return { text: result.value.text, notes: result.notes };
  }

  from(instruction: From): void {
    // BuildKit matches the whole reference against stage names (`FROM build:1` is an image, not the
    // stage `build`); the argument as written is also far cheaper than getImageName's ranges.
    const parent = this.stageEnvs.get((instruction.getArguments()[0]?.getValue() ?? '').toLowerCase());
    this.inStage = true;
    this.env = copied(parent);
    this.visible = copied(this.env);
    const stage = instruction.getBuildStage();
    if (stage) this.stageEnvs.set(stage.toLowerCase(), this.env);
  }

  arg(instruction: Arg): void {
    const property = instruction.getProperty();
    if (!property) return;
    const name = property.getName();
    const written = property.getValue();
    if (!this.inStage) {
      this.globalArgs.set(name, written === null ? UNKNOWN_TEXT : this.expand(written).text);
      return;
    }
    // A stage's ARG without a default takes the global one; ENV of the same name wins over both.
    const value = written !== null ? this.expand(written).text : this.globalArgs.get(name) ?? UNKNOWN_TEXT;
    if (!this.env.has(name)) this.visible.set(name, value);
  }

  envInstruction(instruction: Env): void {
    if (!this.inStage) return;
    // Every value of one ENV line is expanded with the variables as they were before the line.
    const values = instruction.getProperties().map((p) => [p.getName(), this.expand(p.getValue() ?? '').text] as const);
    for (const [name, value] of values) {
      this.env.set(name, value);
      this.visible.set(name, value);
    }
  }
}

/** `useView: false` parses the whole text; tests use it to check that the view changes nothing. */
export function extractDockerfile(text: string, useView = true): DocumentFacts {
  const facts = emptyFacts('dockerfile');
  const document = TextDocument.create('file:///Dockerfile', 'dockerfile', 0, text);
  let instructions: Instruction[];
  try {
    instructions = DockerfileParser.parse(useView ? relevantInstructionsView(text) : text).getInstructions();
  } catch {
    return facts;
  }
  resolutionWork.lookups = 0;
  resolutionWork.copiedVariables = 0;
  const scope = new BuildScope();
  let stage: Owner | undefined;
  for (const instruction of instructions) {
    const keyword = instruction.getKeyword();
    if (keyword === 'FROM') {
      scope.from(instruction as From);
      stage = stageOwner(instruction as From, stage === undefined ? 0 : stage.stage! + 1);
    }
    else if (keyword === 'ARG') scope.arg(instruction as Arg);
    else if (keyword === 'ENV') scope.envInstruction(instruction as Env);
    if (keyword !== 'EXPOSE') continue;
    for (const argument of instruction.getArguments()) {
      const range = argument.getRange();
      const span = { start: document.offsetAt(range.start), end: document.offsetAt(range.end) };
      const written = argument.getValue();
      const expanded = scope.expand(written);
      const value = unquote(expanded.text);
      // An argument that expands to nothing or to several words has no single reading.
      if (value === '' || /\s/.test(value)) continue;
      facts.exposes.push({
        span,
        origin: 'dockerfile',
        written,
        expanded: value,
        reading: readPublishSpec(value),
        notes: expanded.notes.length > 0 ? expanded.notes : undefined,
        ...(stage ? { owner: stage } : {}),
      });
    }
  }
  return facts;
}

/** The stage an EXPOSE documents: its place among the FROMs, its `AS` name, its FROM argument as written. */
function stageOwner(from: From, index: number): Owner {
  const name = from.getBuildStage();
  const image = from.getArguments()[0]?.getValue();
  return { kind: 'build-stage', stage: index, ...(name ? { name } : {}), ...(image ? { image } : {}) };
}

/** BuildKit's shell lexer removes quotes before the port is parsed: `EXPOSE "80"` is port 80. */
function unquote(value: string): string {
  return value.replace(/"([^"]*)"|'([^']*)'/g, (_, double, single) => double ?? single);
}
