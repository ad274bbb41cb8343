import type { ResourceData } from '../resource/types.js';

type Scalar = string | number | boolean | bigint | Date;
/** Counts nesting down so that a recursive data type stops at a fixed depth instead of instantiating forever. */
type Less = [never, 0, 1, 2, 3];

/** The declared keys of `T`, without index signatures (`Record<string, unknown>` declares none). */
type KnownKeys<T> = keyof {
  [K in keyof T as string extends K
    ? never
    : number extends K
      ? never
      : symbol extends K
        ? never
        : K]: unknown;
};

type ItemNames<K extends string, I, N extends number> = I extends Scalar
  ? `${K}.${number}`
  : `${K}.${number}.${Names<I, Less[N]>}`;

type Flat<K extends string, V, N extends number> = unknown extends V
  ? K | `${K}.${string}`
  : V extends Scalar
    ? K
    : V extends readonly (infer I)[]
      ? ItemNames<K, NonNullable<I>, N>
      : V extends object
        ? `${K}.${Names<V, Less[N]>}`
        : K;

/** Any name, where a type's index signature allows any key; `string & {}` keeps the known names suggested. */
type AnyName<T> = string extends keyof T ? string & {} : never;

type Names<T, N extends number> = [N] extends [never]
  ? string
  : [KnownKeys<T>] extends [never]
    ? string
    : { [K in KnownKeys<T> & string]-?: Flat<K, NonNullable<T[K]>, N> }[KnownKeys<T> & string] | AnyName<T>;

/**
 * The `Fn::GetAtt` attribute names of a resource whose handlers return `Data` of type `D`. crkit flattens nested
 * data into dotted names (`Zone.Name`, `Names.0`), so those are the names; data with an index signature (or no
 * declared keys) allows any name.
 *
 * @example
 * ```ts
 * import type { AttributeName } from 'crkit/cdk';
 *
 * const name: AttributeName<{ Zone: { Name: string }; Ids: string[] }> = 'Zone.Name'; // or 'Ids.0'
 * ```
 */
export type AttributeName<D extends ResourceData> = Names<D, 4>;
