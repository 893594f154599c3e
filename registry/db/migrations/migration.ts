/** One step of the registry's schema: its number, a name, and the SQL that takes the schema there. */
export interface RegistryMigration {
  version: number;
  name: string;
  sql: string;
}
