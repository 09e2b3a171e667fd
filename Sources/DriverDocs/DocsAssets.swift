/// The style sheet and script every reference page loads, written beside the pages: the site
/// needs no network and no other file.
enum DocsAssets {
    static let css = """
        :root { --ink: #1b1f24; --muted: #4a5360; --line: #8a94a3; --accent: #0b57d0; --paper: #ffffff; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 15px/1.45 -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: var(--ink); background: var(--paper); }
        header { position: sticky; top: 0; display: flex; gap: 1em; align-items: center; flex-wrap: wrap; padding: .5em 1em; background: #eef2f7; border-bottom: 1px solid var(--line); z-index: 2; }
        header .home { font-weight: 600; color: var(--ink); text-decoration: none; }
        header form { display: flex; gap: .5em; align-items: center; }
        header input { width: 22em; padding: .3em .5em; font: inherit; }
        #search-panel { position: sticky; top: 3em; margin: 0 1em; padding: .5em 1em; background: #fff; border: 1px solid var(--line); max-height: 50vh; overflow: auto; z-index: 2; }
        main { padding: 0 1em 3em; max-width: 1100px; }
        a { color: var(--accent); }
        a:focus, input:focus, select:focus, summary:focus { outline: 3px solid #f0b400; outline-offset: 1px; }
        code, .offset, input.value, input.field-input { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
        .offset { color: var(--muted); font-size: .85em; }
        .meta, .hint, .breadcrumb { color: var(--muted); }
        section.register { border-top: 1px solid var(--line); padding-top: .5em; margin-top: 1.5em; }
        table { border-collapse: collapse; }
        table.fields td, table.fields th, table.facts td, table.facts th { border: 1px solid #c3cad4; padding: .25em .5em; vertical-align: top; text-align: left; }
        table.fields td p { margin: 0 0 .3em; }
        ul.values { margin: 0; padding-left: 1.2em; }
        ul.register-index { columns: 14em; padding-left: 1.2em; }
        .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
        svg.bitfield { display: block; margin: .5em 0; max-width: 100%; height: auto; }
        svg.bitfield text { font: 11px ui-monospace, Menlo, Consolas, monospace; text-anchor: middle; fill: var(--ink); }
        svg.bitfield text.bit-number { fill: var(--muted); font-size: 10px; }
        svg.bitfield .field rect { stroke: var(--ink); stroke-width: 1; }
        svg.bitfield .access-rw rect { fill: #ffffff; }
        svg.bitfield .access-ro rect, svg.bitfield .access-rc rect, svg.bitfield .access-rs rect { fill: #d6e6ff; }
        svg.bitfield .access-wo rect, svg.bitfield .access-w1 rect { fill: #fff3c4; }
        svg.bitfield .access-w1c rect, svg.bitfield .access-w1s rect, svg.bitfield .access-w1t rect, svg.bitfield .access-w0c rect,
        svg.bitfield .access-w0s rect, svg.bitfield .access-w0t rect, svg.bitfield .access-wc rect, svg.bitfield .access-ws rect,
        svg.bitfield .access-rc-w1c rect, svg.bitfield .access-rw1 rect { fill: #ffd9c2; stroke-dasharray: 4 2; }
        svg.bitfield .reserved rect { fill: #e3e6ea; stroke: var(--line); stroke-dasharray: 2 2; }
        output.decoded { font-family: ui-monospace, Menlo, Consolas, monospace; font-weight: 600; }
        :target { background: #fff6d6; }

        """

    static let js = """
        'use strict';
        // drivergen docs: search over every register, field and value, and a value decoder per
        // register (a value to its fields, and fields to a value). The URL can drive both:
        // ?search=TEXT, ?decode=REGISTER-ID:VALUE, ?encode=REGISTER-ID:FIELD=VALUE;FIELD=VALUE.

        function parseNumber(text) {
          const clean = String(text).trim().replace(/_/g, '');
          if (clean === '') return null;
          if (!/^(0[xX][0-9a-fA-F]+|0[bB][01]+|[0-9]+)$/.test(clean)) return null;
          return BigInt(clean);
        }

        function hex(value, width) {
          return '0x' + value.toString(16).toUpperCase().padStart(Math.ceil(width / 4), '0');
        }

        function fieldsOf(section) { return JSON.parse(section.dataset.fields); }

        // The attribute too, so the state shows in the DOM (what a saved page or a test sees).
        function setValue(control, value) {
          control.value = value;
          if (control.tagName === 'SELECT') {
            for (const option of control.options) option.toggleAttribute('selected', option.value === value);
          } else {
            control.setAttribute('value', value);
          }
        }

        function describe(field, value) {
          if (field.flags) {
            let names = [], rest = value;
            for (const [name, bit] of field.values) {
              const mask = 1n << BigInt(bit);
              if (value & mask) { names.push(name); rest &= ~mask; }
            }
            if (rest) names.push(hex(rest, 1));
            return names.length ? names.join(', ') : 'none';
          }
          if (field.values.length) {
            const named = field.values.find(([, raw]) => BigInt(raw) === value);
            return named ? named[0] : 'unknown (' + hex(value, 1) + ')';
          }
          return value.toString(10);
        }

        function decode(section, value) {
          const width = Number(section.dataset.width);
          const input = section.querySelector('input.value');
          const valid = value !== null && value < (1n << BigInt(width));
          input.setAttribute('aria-invalid', valid || input.value === '' ? 'false' : 'true');
          for (const field of fieldsOf(section)) {
            const row = section.querySelector('tr[data-field="' + CSS.escape(field.name) + '"]');
            const output = row.querySelector('output.decoded');
            const control = row.querySelector('.field-input');
            if (!valid) { output.textContent = ''; continue; }
            const part = (value >> BigInt(field.lsb)) & ((1n << BigInt(field.width)) - 1n);
            output.textContent = describe(field, part);
            setValue(control, control.tagName === 'SELECT' ? part.toString(10) : hex(part, field.width));
          }
        }

        function encode(section) {
          const width = Number(section.dataset.width);
          const input = section.querySelector('input.value');
          let value = parseNumber(input.value) ?? 0n;
          for (const field of fieldsOf(section)) {
            const control = section.querySelector('.field-input[data-field="' + CSS.escape(field.name) + '"]');
            const part = parseNumber(control.value);
            if (part === null) continue;
            const mask = (1n << BigInt(field.width)) - 1n;
            value = (value & ~(mask << BigInt(field.lsb))) | ((part & mask) << BigInt(field.lsb));
          }
          setValue(input, hex(value, width));
          decode(section, value);
        }

        function search(text) {
          const panel = document.getElementById('search-panel');
          const list = document.getElementById('search-results');
          const count = document.getElementById('search-count');
          const term = text.trim().toLowerCase();
          list.replaceChildren();
          if (!term) { panel.hidden = true; return; }
          const found = SEARCH_INDEX.filter(([label]) => label.toLowerCase().includes(term));
          count.textContent = found.length + (found.length === 1 ? ' match' : ' matches') + (found.length > 100 ? ', the first 100:' : '');
          for (const [label, kind, link] of found.slice(0, 100)) {
            const item = document.createElement('li');
            const anchor = document.createElement('a');
            anchor.href = link;
            anchor.textContent = label;
            item.append(anchor, ' ', kind);
            list.append(item);
          }
          panel.hidden = false;
        }

        document.addEventListener('DOMContentLoaded', () => {
          for (const section of document.querySelectorAll('section.register')) {
            const input = section.querySelector('input.value');
            input.addEventListener('input', () => decode(section, parseNumber(input.value)));
            for (const control of section.querySelectorAll('.field-input')) {
              control.addEventListener('change', () => encode(section));
            }
          }
          const box = document.getElementById('search');
          box.addEventListener('input', () => search(box.value));
          const query = new URLSearchParams(location.search);
          if (query.has('search')) { setValue(box, query.get('search')); search(box.value); }
          const decodeRequest = query.get('decode');
          if (decodeRequest) {
            const [id, text] = decodeRequest.split(':');
            const section = document.getElementById(id);
            if (section) { setValue(section.querySelector('input.value'), text); decode(section, parseNumber(text)); }
          }
          const encodeRequest = query.get('encode');
          if (encodeRequest) {
            const [id, assignments] = encodeRequest.split(':');
            const section = document.getElementById(id);
            if (section) {
              for (const assignment of (assignments || '').split(';')) {
                const [name, text] = assignment.split('=');
                const control = section.querySelector('.field-input[data-field="' + CSS.escape(name) + '"]');
                if (control) setValue(control, text);
              }
              encode(section);
            }
          }
          if (location.hash) { const target = document.getElementById(decodeURIComponent(location.hash.slice(1))); if (target) target.scrollIntoView(); }
        });

        """
}
