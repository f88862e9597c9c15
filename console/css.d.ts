// esbuild loads `.css` as text (scripts/build.ts); the console injects it into a <style>.
declare module '*.css' {
  const text: string;
  export default text;
}
