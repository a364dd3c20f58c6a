/** The part of xml-writer (no types of its own) the GraphML writer uses. */
declare module 'xml-writer' {
  class XMLWriter {
    constructor(indent?: boolean | string, write?: (text: string, encoding: string) => void);
    startDocument(version?: string, encoding?: string, standalone?: boolean): this;
    endDocument(): this;
    startElement(name: string): this;
    endElement(): this;
    writeAttribute(name: string, value: string): this;
    writeElement(name: string, content: string): this;
    text(content: string): this;
    flush(): void;
  }
  export = XMLWriter;
}
