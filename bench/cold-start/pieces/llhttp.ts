// undici's HTTP parser alone: llhttp compiled to WebAssembly and shipped as base64 in a JS file.

/** The part of the WebAssembly global used here (the project's `lib` setting does not declare it). */
interface Wasm {
  Module: (new (bytes: Uint8Array) => object) & { imports(module: object): { name: string }[] };
  Instance: new (module: object, imports: Record<string, Record<string, unknown>>) => object;
}

/** Times the base64 decode (loading the file), the synchronous compile undici does, and the instantiation. */
export async function run(): Promise<Record<string, number>> {
  const wasm = (globalThis as unknown as { WebAssembly: Wasm }).WebAssembly;
  const start = performance.now();
  // A require inside the function keeps the decode out of the module's load (esbuild wraps it lazily).
  const bytes = require('undici/lib/llhttp/llhttp_simd-wasm.js') as Buffer;
  const decoded = performance.now();
  const module = new wasm.Module(bytes);
  const compiled = performance.now();
  const env = Object.fromEntries(wasm.Module.imports(module).map(({ name }) => [name, () => 0]));
  new wasm.Instance(module, { env });
  return {
    'load (base64 decode)': decoded - start,
    compile: compiled - decoded,
    instantiate: performance.now() - compiled,
  };
}
