/**
 * openid-client, imported here only. It is published as ES modules only: the API's CommonJS build
 * loads it through require(esm), which Node has without a flag from 20.19 (package.json `engines`);
 * Jest's module system has no require(esm) before Node 24.9, so jest.config.js compiles its files
 * (and those of its dependencies, oauth4webapi and jose) to CommonJS.
 */
import * as OpenId from 'openid-client';

export { OpenId };
