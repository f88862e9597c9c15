// esbuild imports .css files as text (scripts/build.ts: loader { '.css': 'text' }).
declare module '*.css' {
  const text: string;
  export default text;
}
