/** Makes new document ids (random; the adapter decides how). */
export interface IdGenerator {
  newId(): string;
}
