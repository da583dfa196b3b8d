import { providerShim } from "../../src/provider/shim";
import type { ResourceName } from "../../src/resources/typeTokens";
import {
  ProviderHost,
  serializeProvider,
  urnOf,
  type DiffAnswer,
  type Props,
} from "./providerHost";

/** A resource as the engine keeps it in state. */
export interface StateEntry {
  type: ResourceName;
  name: string;
  urn: string;
  id: string;
  inputs: Props;
  outputs: Props;
}

export class CheckFailedError extends Error {
  constructor(readonly failures: Array<{ property: string; reason: string }>) {
    super(failures.map((f) => `${f.property}: ${f.reason}`).join("\n"));
  }
}

const serialized = new Map<ResourceName, Promise<string>>();

/** `__provider` for a resource type, serialized once per test process. */
export function providerFor(type: ResourceName): Promise<string> {
  let text = serialized.get(type);
  if (!text) {
    text = serializeProvider(providerShim(type));
    serialized.set(type, text);
  }
  return text;
}

/**
 * Plays the engine's part for our resources over the real provider host: check before create
 * and update, old outputs as olds, read on refresh and import, delete with the last outputs.
 */
export class Engine {
  constructor(readonly host: ProviderHost) {}

  private async withProvider(type: ResourceName, props: Props): Promise<Props> {
    return { ...props, __provider: await providerFor(type) };
  }

  async check(type: ResourceName, name: string, inputs: Props, olds: Props = {}) {
    return this.host.check(urnOf(type, name), olds, await this.withProvider(type, inputs));
  }

  /** check + create; throws CheckFailedError on check failures. */
  async create(type: ResourceName, name: string, inputs: Props): Promise<StateEntry> {
    const checked = await this.check(type, name, inputs);
    if (checked.failures.length) throw new CheckFailedError(checked.failures);
    const created = await this.host.create(urnOf(type, name), checked.inputs);
    return {
      type,
      name,
      urn: urnOf(type, name),
      id: created.id,
      inputs: checked.inputs,
      outputs: created.properties,
    };
  }

  /** What `pulumi refresh` does: read with the last outputs. Undefined id means it is gone. */
  async refresh(entry: StateEntry): Promise<StateEntry | undefined> {
    const read = await this.host.read(entry.urn, entry.id, entry.outputs, entry.inputs);
    if (!read.id) return undefined;
    return { ...entry, outputs: read.properties, inputs: read.inputs ?? entry.inputs };
  }

  /** What the `import` resource option does: read the id with the program's inputs. */
  async import(type: ResourceName, name: string, id: string, inputs: Props): Promise<StateEntry> {
    const checked = await this.check(type, name, inputs);
    if (checked.failures.length) throw new CheckFailedError(checked.failures);
    const read = await this.host.read(urnOf(type, name), id, {}, checked.inputs);
    return {
      type,
      name,
      urn: urnOf(type, name),
      id: read.id,
      inputs: read.inputs ?? checked.inputs,
      outputs: read.properties,
    };
  }

  async diff(entry: StateEntry, inputs: Props): Promise<DiffAnswer> {
    const checked = await this.check(entry.type, entry.name, inputs, entry.inputs);
    return this.host.diff(entry.urn, entry.id, entry.outputs, checked.inputs);
  }

  async update(entry: StateEntry, inputs: Props): Promise<StateEntry> {
    const checked = await this.check(entry.type, entry.name, inputs, entry.inputs);
    if (checked.failures.length) throw new CheckFailedError(checked.failures);
    const outputs = await this.host.update(entry.urn, entry.id, entry.outputs, checked.inputs);
    return { ...entry, inputs: checked.inputs, outputs };
  }

  async delete(entry: StateEntry): Promise<void> {
    await this.host.delete(entry.urn, entry.id, entry.outputs);
  }
}

export const DIFF_NONE = 1;
export const DIFF_SOME = 2;
