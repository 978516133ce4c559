/**
 * There is no warehouse at the configured path yet: what every reading command says before
 * `kpi init`. Core, so the CLI can name it without reaching the warehouse layer.
 */

/** No warehouse file at `db`. */
export class NoWarehouseError extends Error {
  override name = 'NoWarehouseError';
  constructor(readonly db: string) {
    super(`no warehouse at ${db}; run \`kpi init\` first`);
  }
}
