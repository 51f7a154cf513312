package io.provwatch.app.aitext;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/** A minimal RFC 4180 reader: quoted fields with doubled quotes, line breaks inside quotes, any delimiter. */
final class Csv {
  private final Reader in;
  private final char delimiter;
  private int peeked = -2;

  Csv(Reader in, char delimiter) {
    this.in = in;
    this.delimiter = delimiter;
  }

  /** The next record's fields, or null at the end of the input. */
  List<String> next() throws IOException {
    int c = read();
    if (c == -1) {
      return null;
    }
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    while (true) {
      if (c == -1) {
        fields.add(field.toString());
        return fields;
      }
      char ch = (char) c;
      if (quoted) {
        if (ch == '"') {
          int n = read();
          if (n == '"') {
            field.append('"');
          } else {
            quoted = false;
            c = n;
            continue;
          }
        } else {
          field.append(ch);
        }
      } else if (ch == '"' && field.length() == 0 && !wasQuoted) {
        quoted = true;
        wasQuoted = true;
      } else if (ch == delimiter) {
        fields.add(field.toString());
        field.setLength(0);
        wasQuoted = false;
      } else if (ch == '\n' || ch == '\r') {
        if (ch == '\r') {
          int n = read();
          if (n != '\n') {
            peeked = n;
          }
        }
        fields.add(field.toString());
        return fields;
      } else {
        field.append(ch);
      }
      c = read();
    }
  }

  private int read() throws IOException {
    if (peeked != -2) {
      int c = peeked;
      peeked = -2;
      return c;
    }
    return in.read();
  }
}
