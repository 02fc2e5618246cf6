/* handover's canonical layout of a record, for the browser editor (and for node in tests).
 *
 * The editor hands this module the entry's data; it writes the file the way the example
 * content and `handover new session` write it: keys in the contract's order, lists of ids
 * in flow style ([ana, ben]), lists of records as "  - key: value" blocks, dates plain
 * (2026-11-16, never a timestamp), Markdown as a literal block, and text quoted only where
 * YAML 1.1 would read it as something else.
 *
 * A file is rewritten whole, so to keep a pull request's diff to the real change, the
 * text of every top-level key, and of every item of a list of records, is kept verbatim
 * (with its comments) when its value did not change: reading a file remembers each part's
 * text under its canonical form, and writing reuses it when the canonical form is the same.
 */
(function (root, factory) {
  if (typeof module === "object" && module.exports) {
    module.exports = factory();
  } else {
    root.HandoverFormat = factory();
  }
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  // What PyYAML (YAML 1.1, as `handover check` reads) resolves to something other than text.
  var SPECIAL = [
    /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/,
    /^(?:~|null|Null|NULL|<<|=)$/,
    /^[-+]?(?:0b[0-1_]+|0[0-7_]+|(?:0|[1-9][0-9_]*)|0x[0-9a-fA-F_]+|[1-9][0-9_]*(?::[0-5]?[0-9])+)$/,
    /^(?:[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/,
    /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}.*)?$/,
  ];
  var DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
  var FLOW_ITEM = /^[A-Za-z0-9][A-Za-z0-9._\/-]*$/;

  function plainSafe(text, inFlow) {
    if (text === "" || text !== text.trim()) return false;
    if (/[\n\r\t\u0000-\u001f\u007f\u0085\u2028\u2029\ufeff]/.test(text)) return false;
    if (/^[-?:,\[\]{}#&*!|>'"%@`]/.test(text) && !/^[-?:][^\s]/.test(text)) return false;
    if (/^[-?:]\S/.test(text) && /^[-?:][\s]/.test(text)) return false;
    if (/: |:$| #/.test(text)) return false;
    if (inFlow && /[,\[\]{}]/.test(text)) return false;
    for (var i = 0; i < SPECIAL.length; i++) if (SPECIAL[i].test(text)) return false;
    return true;
  }

  function scalar(value, isDate, inFlow) {
    if (typeof value === "number" || typeof value === "boolean") return String(value);
    var text = String(value);
    if (isDate && DATE.test(text)) return text;
    return plainSafe(text, inFlow) ? text : JSON.stringify(text);
  }

  function isEmpty(value) {
    return (
      value === null ||
      value === undefined ||
      value === "" ||
      (Array.isArray(value) && value.length === 0)
    );
  }

  function isRecord(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  // The keys to write, in the layout's order, then any others as they came.
  function orderedKeys(data, layout) {
    var known = layout ? layout.order : [];
    var keys = known.filter(function (k) {
      return Object.prototype.hasOwnProperty.call(data, k);
    });
    Object.keys(data).forEach(function (k) {
      if (keys.indexOf(k) < 0 && !(layout && (layout.drop || []).indexOf(k) >= 0)) keys.push(k);
    });
    return keys;
  }

  function literal(text, indent) {
    var chomp = /\n\n$/.test(text) ? "+" : /\n$/.test(text) ? "" : "-";
    var body = text.replace(/\n$/, "").split("\n");
    var pad = " ".repeat(indent);
    return (
      "|" +
      chomp +
      "\n" +
      body
        .map(function (line) {
          return line === "" ? "" : pad + line;
        })
        .join("\n") +
      "\n"
    );
  }

  function flowList(items, isDate) {
    return (
      "[" +
      items
        .map(function (item) {
          return scalar(item, isDate, true);
        })
        .join(", ") +
      "]"
    );
  }

  function canFlow(items, layout, key) {
    if (layout && (layout.flow || []).indexOf(key) >= 0) return true;
    return items.every(function (item) {
      return typeof item === "number" || (typeof item === "string" && FLOW_ITEM.test(item));
    }) && !(layout && (layout.block || []).indexOf(key) >= 0);
  }

  // "key: value" (and what follows it) at ``indent`` spaces; value not empty.
  function entry(key, value, layout, indent) {
    var pad = " ".repeat(indent);
    var isDate = layout && (layout.dates || []).indexOf(key) >= 0;
    if (Array.isArray(value)) {
      if (value.length === 0) return pad + key + ": []\n";
      if (value.every(isRecord)) {
        var nested = layout && layout.nested ? layout.nested[key] : null;
        return (
          pad +
          key +
          ":\n" +
          value
            .map(function (item) {
              return listItem(item, nested, indent + 2);
            })
            .join("")
        );
      }
      if (canFlow(value, layout, key)) return pad + key + ": " + flowList(value, isDate) + "\n";
      return (
        pad +
        key +
        ":\n" +
        value
          .map(function (item) {
            return pad + "  - " + scalar(item, isDate, false) + "\n";
          })
          .join("")
      );
    }
    if (isRecord(value)) {
      return pad + key + ":\n" + mapping(value, layout && layout.nested ? layout.nested[key] : null, indent + 2);
    }
    if (typeof value === "string" && value.indexOf("\n") >= 0) {
      return pad + key + ": " + literal(value, indent + 2);
    }
    return pad + key + ": " + scalar(value, isDate, false) + "\n";
  }

  function mapping(data, layout, indent) {
    return orderedKeys(data, layout)
      .filter(function (k) {
        return !isEmpty(data[k]);
      })
      .map(function (k) {
        return entry(k, data[k], layout, indent);
      })
      .join("");
  }

  // One item of a list of records: "- " then its first key, the others under it.
  function listItem(item, layout, indent) {
    var text = mapping(item, layout, indent + 2);
    if (text === "") return " ".repeat(indent) + "- {}\n";
    return " ".repeat(indent) + "- " + text.slice(indent + 2);
  }

  // ---- Reading, and remembering the text of each part -------------------------------

  // Every file read, as {layout, blocks: canonical text -> own text, items: the same for
  // list items}. Writing uses the one file the data comes from (see source()), so that
  // the comments of one file never travel into another.
  var documents = [];
  var MAX_DOCUMENTS = 5000;

  function topBlocks(text) {
    // [{key, lead: comment/blank lines before, head: "key: ..." line, lines: [...]}]
    var lines = text.split("\n");
    if (lines[lines.length - 1] === "") lines.pop();
    var blocks = [];
    var pending = [];
    lines.forEach(function (line) {
      var match = /^([A-Za-z_][A-Za-z0-9_-]*)\s*:/.exec(line);
      if (match) {
        blocks.push({ key: match[1], lead: pending, head: line, lines: [] });
        pending = [];
      } else if (blocks.length && /^\s+\S/.test(line) && !/^\s*#/.test(line)) {
        var last = blocks[blocks.length - 1];
        last.lines = last.lines.concat(pending, [line]);
        pending = [];
      } else {
        pending.push(line);
      }
    });
    return { blocks: blocks, tail: pending };
  }

  function itemTexts(block) {
    // The text of each "- " item of a block list of records, with its leading comments.
    var items = [];
    var pending = [];
    var indent = null;
    block.lines.forEach(function (line) {
      var match = /^(\s*)- /.exec(line);
      if (match && (indent === null || match[1].length === indent)) {
        indent = match[1].length;
        items.push(pending.concat([line]));
        pending = [];
      } else if (items.length && /^\s+\S/.test(line) && !/^\s*#/.test(line)) {
        items[items.length - 1] = items[items.length - 1].concat(pending, [line]);
        pending = [];
      } else {
        pending.push(line);
      }
    });
    return items.map(function (lines) {
      return lines.join("\n") + "\n";
    });
  }

  function remember(text, data, layout) {
    var doc = { layout: layout, blocks: new Map(), items: new Map() };
    var parts = topBlocks(text);
    parts.blocks.forEach(function (block) {
      var value = data[block.key];
      var own = block.lead.concat([block.head], block.lines).join("\n") + "\n";
      var canonical = isEmpty(value) ? block.key + ": []\n" : entry(block.key, value, layout, 0);
      doc.blocks.set(canonical, own);
      if (Array.isArray(value) && value.length && value.every(isRecord)) {
        var texts = itemTexts(block);
        if (texts.length === value.length) {
          var nested = layout && layout.nested ? layout.nested[block.key] : null;
          value.forEach(function (item, i) {
            doc.items.set(block.key + "\n" + listItem(item, nested, 2), texts[i]);
          });
        }
      }
    });
    if (documents.length >= MAX_DOCUMENTS) documents.shift();
    documents.push(doc);
  }

  // The file ``data`` was read from: the one of its layout with the most top-level parts
  // unchanged, and at least half of them; none for a new file.
  function source(canonicals, layout) {
    var best = null;
    var score = 0;
    documents.forEach(function (doc) {
      if (doc.layout !== layout) return;
      var same = canonicals.filter(function (c) {
        return doc.blocks.has(c);
      }).length;
      if (same > score) {
        best = doc;
        score = same;
      }
    });
    return score * 2 >= canonicals.length ? best : null;
  }

  // ---- Writing ----------------------------------------------------------------------

  function write(data, layout) {
    var keys = orderedKeys(data, layout);
    var canonicals = keys.map(function (key) {
      return isEmpty(data[key]) ? key + ": []\n" : entry(key, data[key], layout, 0);
    });
    var given = canonicals.filter(function (c, i) {
      return !isEmpty(data[keys[i]]);
    });
    var doc = source(given, layout) || { blocks: new Map(), items: new Map() };
    var out = "";
    keys.forEach(function (key, i) {
      var value = data[key];
      var canonical = canonicals[i];
      if (doc.blocks.has(canonical)) {
        out += doc.blocks.get(canonical);
        return;
      }
      if (isEmpty(value)) return;
      if (Array.isArray(value) && value.every(isRecord)) {
        var nested = layout && layout.nested ? layout.nested[key] : null;
        out += key + ":\n";
        value.forEach(function (item) {
          var text = listItem(item, nested, 2);
          out += doc.items.get(key + "\n" + text) || text;
        });
        return;
      }
      out += canonical;
    });
    return out;
  }

  function parse(text, yaml) {
    var data = yaml.load(text, { schema: yaml.CORE_SCHEMA });
    return isRecord(data) ? data : {};
  }

  var FRONT = /^---\r?\n([\s\S]*?\r?\n)?---\r?\n?/;

  // The formats to register with CMS.registerCustomFormat: [name, extension, formatter].
  function formats(layouts, yaml) {
    var list = [];
    Object.keys(layouts).forEach(function (kind) {
      var layout = layouts[kind];
      if (layout.frontmatter) {
        list.push([
          "handover-" + kind,
          "md",
          {
            fromFile: function (content) {
              var match = FRONT.exec(content);
              var front = match ? match[1] || "" : "";
              var data = parse(front, yaml);
              remember(front, data, layout);
              data.body = match ? content.slice(match[0].length) : content;
              return data;
            },
            toFile: function (data) {
              var meta = Object.assign({}, data);
              var body = meta.body || "";
              delete meta.body;
              return "---\n" + write(meta, layout) + "---\n" + body;
            },
          },
        ]);
      } else {
        list.push([
          "handover-" + kind,
          "yaml",
          {
            fromFile: function (content) {
              var data = parse(content, yaml);
              remember(content, data, layout);
              return data;
            },
            toFile: function (data) {
              return write(data, layout);
            },
          },
        ]);
      }
    });
    return list;
  }

  return { write: write, remember: remember, parse: parse, formats: formats, plainSafe: plainSafe };
});
