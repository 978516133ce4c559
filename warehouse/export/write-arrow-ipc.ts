/**
 * Writes a query result to an Arrow IPC file, chunk by chunk (each DuckDB chunk becomes one record
 * batch), keeping DECIMAL exact as Arrow decimal128, dates as date32 and instants as UTC timestamps.
 */
import { writeFile } from 'node:fs/promises';
import type { DuckDBConnection, DuckDBType, DuckDBValue } from '@duckdb/node-api';
import {
  DuckDBDateValue,
  DuckDBDecimalType,
  DuckDBDecimalValue,
  DuckDBTimestampTZValue,
  DuckDBTimestampValue,
  DuckDBTypeId,
} from '../duckdb.ts';
import {
  Bool,
  DateDay,
  Decimal,
  Field,
  Float64,
  Int32,
  Int64,
  RecordBatch,
  Schema,
  Struct,
  Table,
  TimestampMillisecond,
  Utf8,
  makeData,
  tableToIPC,
  vectorFromArray,
  type Data,
  type DataType,
} from 'apache-arrow';

interface ColumnCodec {
  readonly field: Field;
  /** One chunk's values of the column as Arrow data. */
  encode(values: readonly DuckDBValue[]): Data;
}

/** Run `sql` and write its rows to `file` as an Arrow IPC file; returns the row count. */
export async function writeArrowIpc(
  connection: DuckDBConnection,
  sql: string,
  file: string,
): Promise<number> {
  const result = await connection.stream(sql);
  const names = result.columnNames();
  const codecs = result.columnTypes().map((type, i) => codecFor(names[i]!, type));
  const schema = new Schema(codecs.map((c) => c.field));
  const batches: RecordBatch[] = [];
  let rows = 0;
  for (
    let chunk = await result.fetchChunk();
    chunk && chunk.rowCount > 0;
    chunk = await result.fetchChunk()
  ) {
    const columns = chunk.getColumns();
    const children = codecs.map((c, i) => c.encode(columns[i]!));
    const struct = makeData({
      type: new Struct(schema.fields),
      length: chunk.rowCount,
      nullCount: 0,
      children,
    });
    batches.push(new RecordBatch(schema, struct));
    rows += chunk.rowCount;
  }
  const table = batches.length ? new Table(batches) : new Table(schema);
  await writeFile(file, tableToIPC(table, 'file'));
  return rows;
}

function simple<T extends DataType>(
  name: string,
  type: T,
  convert: (v: DuckDBValue) => unknown,
): ColumnCodec {
  return {
    field: new Field(name, type, true),
    encode: (values) =>
      vectorFromArray(
        values.map((v) => (v === null ? null : convert(v))),
        type,
      ).data[0]!,
  };
}

function codecFor(name: string, type: DuckDBType): ColumnCodec {
  switch (type.typeId) {
    case DuckDBTypeId.BOOLEAN:
      return simple(name, new Bool(), (v) => Boolean(v));
    case DuckDBTypeId.TINYINT:
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.UTINYINT:
    case DuckDBTypeId.USMALLINT:
      return simple(name, new Int32(), (v) => Number(v));
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UINTEGER:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.HUGEINT:
      return simple(name, new Int64(), (v) => BigInt(v as bigint | number));
    case DuckDBTypeId.FLOAT:
    case DuckDBTypeId.DOUBLE:
      return simple(name, new Float64(), (v) => Number(v));
    case DuckDBTypeId.DATE:
      return simple(name, new DateDay(), (v) => new Date((v as DuckDBDateValue).days * 86_400_000));
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_TZ:
      return simple(
        name,
        new TimestampMillisecond(type.typeId === DuckDBTypeId.TIMESTAMP_TZ ? 'UTC' : null),
        (v) => Number((v as DuckDBTimestampTZValue | DuckDBTimestampValue).micros / 1000n),
      );
    case DuckDBTypeId.DECIMAL:
      return decimalCodec(name, type as DuckDBDecimalType);
    default:
      return simple(name, new Utf8(), (v) => String(v));
  }
}

/** decimal128: four little-endian 32-bit words of the two's-complement scaled integer per value. */
function decimalCodec(name: string, type: DuckDBDecimalType): ColumnCodec {
  const arrowType = new Decimal(type.scale, type.width, 128);
  return {
    field: new Field(name, arrowType, true),
    encode(values) {
      const words = new Uint32Array(values.length * 4);
      const validity = new Uint8Array(Math.ceil(values.length / 8));
      let nullCount = 0;
      values.forEach((v, i) => {
        if (v === null) {
          nullCount++;
          return;
        }
        validity[i >> 3]! |= 1 << (i & 7);
        const unsigned = BigInt.asUintN(128, (v as DuckDBDecimalValue).value);
        for (let k = 0; k < 4; k++) words[i * 4 + k] = Number((unsigned >> BigInt(32 * k)) & 0xffffffffn);
      });
      return makeData({
        type: arrowType,
        length: values.length,
        nullCount,
        nullBitmap: validity,
        data: words,
      });
    },
  };
}
