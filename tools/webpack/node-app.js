// The webpack build every Node app in apps/ shares (accounts, registrar,
// routing, sip-server): Nx's app plugin compiling with tsc into
// dist/apps/<app>/main.js, unminified and with source maps (stack traces in
// production logs point at our TypeScript), plus a generated package.json for
// deploying the bundle. Each app's webpack.config.js passes its folder and
// only what differs. The build target lists this file among its inputs in
// nx.json, so changing it rebuilds every app instead of reusing the cache.
const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join, relative } = require('path');

const workspaceRoot = join(__dirname, '..', '..');

/**
 * @param {string} appDir the app's folder: pass `__dirname`
 * @param {{ assets?: string[] }} [extra] `assets`: folders (relative to the app) copied next to main.js
 * @returns {import('webpack').Configuration}
 */
function nodeAppWebpackConfig(appDir, extra = {}) {
  return {
    output: {
      path: join(workspaceRoot, 'dist', relative(workspaceRoot, appDir)),
      clean: true,
      ...(process.env.NODE_ENV !== 'production' && {
        devtoolModuleFilenameTemplate: '[absolute-resource-path]',
      }),
    },
    plugins: [
      new NxAppWebpackPlugin({
        target: 'node',
        compiler: 'tsc',
        main: './src/main.ts',
        tsConfig: './tsconfig.app.json',
        ...(extra.assets && { assets: extra.assets }),
        optimization: false,
        outputHashing: 'none',
        generatePackageJson: true,
        sourceMap: true,
      }),
    ],
  };
}

module.exports = { nodeAppWebpackConfig };
