/** A Proxy every trap of which throws: the most hostile value a handler can throw or return. */
export function hostileProxy(): object {
  const trap = () => {
    throw new Error('trap');
  };
  return new Proxy(
    {},
    { get: trap, getPrototypeOf: trap, ownKeys: trap, has: trap, getOwnPropertyDescriptor: trap },
  );
}
