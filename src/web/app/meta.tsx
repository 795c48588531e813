import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, type Meta } from '../api/territory-api.ts';

const fallbackMeta: Meta = { name: 'PSQ', version: '', demo: false, mapTiles: null };
const MetaContext = createContext<Meta>(fallbackMeta);

/** Loads `GET /api/meta` once; until it answers (or if it fails) the app runs without tiles nor demo notice. */
export function MetaProvider({ children }: { children: ReactNode }) {
  const [meta, setMeta] = useState<Meta>(fallbackMeta);
  useEffect(() => {
    let current = true;
    api.meta().then(
      (value) => {
        if (current) setMeta(value);
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, []);
  return <MetaContext.Provider value={meta}>{children}</MetaContext.Provider>;
}

export function useMeta(): Meta {
  return useContext(MetaContext);
}
