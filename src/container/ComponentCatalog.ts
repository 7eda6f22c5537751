import type { Container } from 'inversify';
import type { z } from 'zod';
import { declarerOf, type SequenceComponent, type SequenceComponentRegistration } from '../sequences/SequenceComponent.js';
import type { ComponentSource } from '../sequences/ComponentSource.js';
import { componentIdentifier } from './tokens.js';

function isClass(registration: SequenceComponentRegistration): registration is new (...args: any[]) => SequenceComponent {
  return typeof registration === 'function';
}

/** What the container built for a name: a component only when it can run, with an execute(context) method. */
function isComponent(value: unknown): value is SequenceComponent {
  return typeof (value as { execute?: unknown } | null | undefined)?.execute === 'function';
}

/** The components sequence files can name: built-in ones, then the app's (an app's replaces a built-in of its name). */
export class ComponentCatalog implements ComponentSource {
  private readonly registrations: ReadonlyMap<string, SequenceComponentRegistration>;

  constructor(
    private readonly container: Container,
    registrations: Iterable<[string, SequenceComponentRegistration]>,
  ) {
    this.registrations = new Map(registrations);
  }

  names(): string[] {
    return [...this.registrations.keys()].sort();
  }

  has(name: string): boolean {
    return this.registrations.has(name);
  }

  /** The one instance of a component, bound on first use; throws where the container cannot build it. */
  resolve(name: string): SequenceComponent {
    const identifier = componentIdentifier(name);
    const registration = this.registrations.get(name);
    if (registration && !this.container.isBound(identifier)) {
      const binding = this.container.bind(identifier);
      if (isClass(registration)) binding.to(registration).inSingletonScope();
      else binding.toConstantValue(registration);
    }
    const component: unknown = this.container.get(identifier);
    if (!isComponent(component)) throw new Error('it has no execute(context) method');
    return component;
  }

  configurationSchema(component: SequenceComponent): z.ZodType | undefined {
    return declarerOf(component, 'configurationSchema')?.configurationSchema;
  }
}
