/* embedscope's interactive embedding view: every point on a 2-D canvas written pixel by pixel, pan and zoom,
   the image and row under the pointer, class legend that filters, search by row, box selection with counts
   and a montage. No network: the data, thumbnails and this script are in the page. */
(function () {
  'use strict';

  function bytes(b64) {
    const s = atob(b64);
    const out = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
    return out;
  }
  function floats(b64) { return b64 == null ? null : new Float32Array(bytes(b64).buffer); }
  function ints(b64) { return b64 == null ? null : new Int32Array(bytes(b64).buffer); }
  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }
  function rgb(hex) {
    const v = parseInt(hex.slice(1), 16);
    return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
  }
  function packed(c) { return (0xff000000 | (c[2] << 16) | (c[1] << 8) | c[0]) >>> 0; }
  function fmt(n) { return n.toLocaleString('en-US'); }
  const LOW = rgb('#d0d0d0');
  const HIGH = rgb('#d62728');

  function View(root, data) {
    this.root = root;
    this.d = data;
    const n = this.n = data.n;
    this.xy = floats(data.xy);
    this.labels = ints(data.labels);
    this.split = data.split == null ? null : bytes(data.split);
    this.rows = ints(data.rows);
    this.scores = floats(data.scores);
    this.tile = data.atlas ? ints(data.atlas.tile) : null;
    this.classColours = data.colours.map(rgb);
    this.splitColours = data.splitColours.map(rgb);
    this.classOn = new Uint8Array(Math.max(1, data.classNames.length)).fill(1);
    this.splitOn = new Uint8Array(Math.max(1, data.splitNames.length)).fill(1);
    this.mode = this.labels ? 'class' : this.split && data.splitNames.length > 1 ? 'split'
      : this.scores ? 'score' : 'none';
    if (data.mode && (data.mode !== 'split' || this.split) && (data.mode !== 'score' || this.scores)) {
      this.mode = data.mode;
    }
    this.colour = new Uint32Array(n);
    this.order = null;
    this.hover = -1;
    this.pinned = -1;
    this.selected = null;
    this.sheets = [];
    this.build();
    this.index();
    this.recolour();
    this.fit();
    this.loadSheets();
  }

  View.prototype.build = function () {
    const d = this.d;
    const root = this.root;
    root.classList.add('es-view');
    const bar = el('div', 'es-bar');
    bar.appendChild(el('span', 'es-title', d.title));
    const modes = el('select', 'es-mode');
    const options = [];
    if (this.labels) options.push(['class', 'colour by class']);
    if (this.split && d.splitNames.length > 1) options.push(['split', 'colour by split']);
    if (this.scores) options.push(['score', 'colour by ' + d.scoreName]);
    for (const [v, t] of options) {
      const o = el('option', null, t);
      o.value = v;
      modes.appendChild(o);
    }
    modes.value = this.mode;
    modes.addEventListener('change', () => { this.mode = modes.value; this.recolour(); this.legend(); this.draw(); });
    if (options.length > 1) bar.appendChild(modes);
    this.search = el('input', 'es-search');
    this.search.placeholder = 'row id (e.g. 17 or test 17), Enter';
    this.search.addEventListener('keydown', (e) => { if (e.key === 'Enter') this.find(this.search.value); });
    bar.appendChild(this.search);
    for (const [t, f] of [['+', () => this.zoomBy(1.5)], ['−', () => this.zoomBy(1 / 1.5)],
      ['reset', () => { this.fit(); this.draw(); }]]) {
      const b = el('button', 'es-zoom', t);
      b.addEventListener('click', f);
      bar.appendChild(b);
    }
    this.status = el('span', 'es-status');
    bar.appendChild(this.status);
    this.message = el('span', 'es-message');
    bar.appendChild(this.message);
    bar.appendChild(el('span', 'es-help',
      'drag: pan · wheel: zoom · hover: see · click: pin · shift-drag: select'));
    root.appendChild(bar);
    const main = el('div', 'es-main');
    this.canvas = el('canvas', 'es-canvas');
    main.appendChild(this.canvas);
    this.card = el('div', 'es-card');
    this.card.hidden = true;
    main.appendChild(this.card);
    const side = el('div', 'es-side');
    this.legendBox = el('div', 'es-legend');
    side.appendChild(this.legendBox);
    this.selection = el('div', 'es-selection');
    side.appendChild(this.selection);
    const notes = el('div', 'es-notes');
    for (const line of d.notes) notes.appendChild(el('p', null, line));
    side.appendChild(notes);
    main.appendChild(side);
    root.appendChild(main);
    this.ctx = this.canvas.getContext('2d');
    this.legend();
    this.wire();
    const resize = () => { this.resize(); this.draw(); };
    window.addEventListener('resize', resize);
    this.resize();
  };

  View.prototype.resize = function () {
    const w = Math.max(200, Math.floor(this.canvas.clientWidth));
    const h = Math.max(200, Math.floor(this.canvas.clientHeight));
    if (w !== this.canvas.width || h !== this.canvas.height) {
      const old = this.w ? [this.w, this.h] : null;
      this.canvas.width = this.w = w;
      this.canvas.height = this.h = h;
      this.image = this.ctx.createImageData(w, h);
      this.pixels = new Uint32Array(this.image.data.buffer);
      if (!old) this.fit();
    }
  };

  /** Fits every point into the canvas. */
  View.prototype.fit = function () {
    const xy = this.xy;
    let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
    for (let i = 0; i < this.n; i++) {
      const x = xy[2 * i], y = xy[2 * i + 1];
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
    if (!(x1 > x0)) { x0 -= 1; x1 += 1; }
    if (!(y1 > y0)) { y0 -= 1; y1 += 1; }
    this.bounds = [x0, x1, y0, y1];
    this.cx = (x0 + x1) / 2;
    this.cy = (y0 + y1) / 2;
    this.k0 = this.k = 0.94 * Math.min(this.w / (x1 - x0), this.h / (y1 - y0));
  };

  /** A uniform grid over the points for the nearest point under the pointer. */
  View.prototype.index = function () {
    const n = this.n, xy = this.xy;
    let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
    for (let i = 0; i < n; i++) {
      x0 = Math.min(x0, xy[2 * i]); x1 = Math.max(x1, xy[2 * i]);
      y0 = Math.min(y0, xy[2 * i + 1]); y1 = Math.max(y1, xy[2 * i + 1]);
    }
    const g = this.g = Math.max(1, Math.min(1024, Math.ceil(Math.sqrt(n / 4))));
    this.gx0 = x0; this.gy0 = y0;
    this.gw = Math.max(1e-12, (x1 - x0) / g);
    this.gh = Math.max(1e-12, (y1 - y0) / g);
    const cell = new Int32Array(n);
    const start = new Int32Array(g * g + 1);
    for (let i = 0; i < n; i++) {
      const cx = Math.min(g - 1, Math.floor((xy[2 * i] - x0) / this.gw));
      const cy = Math.min(g - 1, Math.floor((xy[2 * i + 1] - y0) / this.gh));
      cell[i] = cy * g + cx;
      start[cell[i] + 1]++;
    }
    for (let c = 0; c < g * g; c++) start[c + 1] += start[c];
    const fill = start.slice(0, g * g);
    const items = new Int32Array(n);
    for (let i = 0; i < n; i++) items[fill[cell[i]]++] = i;
    this.cellStart = start;
    this.cellItems = items;
  };

  View.prototype.visible = function (i) {
    if (this.labels && !this.classOn[this.labels[i]]) return false;
    if (this.split && !this.splitOn[this.split[i]]) return false;
    return true;
  };

  /** The nearest visible point within r screen pixels of (sx, sy), or -1. */
  View.prototype.nearest = function (sx, sy, r) {
    const x = this.cx + (sx - this.w / 2) / this.k;
    const y = this.cy - (sy - this.h / 2) / this.k;
    const rd = r / this.k;
    const g = this.g;
    const cx0 = Math.max(0, Math.floor((x - rd - this.gx0) / this.gw));
    const cx1 = Math.min(g - 1, Math.floor((x + rd - this.gx0) / this.gw));
    const cy0 = Math.max(0, Math.floor((y - rd - this.gy0) / this.gh));
    const cy1 = Math.min(g - 1, Math.floor((y + rd - this.gy0) / this.gh));
    let best = -1, bestD = rd * rd;
    for (let cy = cy0; cy <= cy1; cy++) {
      for (let cx = cx0; cx <= cx1; cx++) {
        const c = cy * g + cx;
        for (let p = this.cellStart[c]; p < this.cellStart[c + 1]; p++) {
          const i = this.cellItems[p];
          const dx = this.xy[2 * i] - x, dy = this.xy[2 * i + 1] - y;
          const dd = dx * dx + dy * dy;
          if (dd <= bestD && this.visible(i)) { bestD = dd; best = i; }
        }
      }
    }
    return best;
  };

  View.prototype.recolour = function () {
    const n = this.n;
    const classes = this.classColours.map(packed);
    const splits = this.splitColours.map(packed);
    const grey = packed([90, 90, 90]);
    this.order = null;
    for (let i = 0; i < n; i++) {
      if (this.mode === 'class') this.colour[i] = classes[this.labels[i] % classes.length];
      else if (this.mode === 'split') this.colour[i] = splits[this.split[i] % splits.length];
      else if (this.mode === 'score') {
        const t = Math.max(0, Math.min(1, this.scores[i] || 0));
        this.colour[i] = packed([0, 1, 2].map((c) => Math.round(LOW[c] + t * (HIGH[c] - LOW[c]))));
      } else this.colour[i] = grey;
    }
    if (this.mode === 'score') {
      const idx = Array.from({length: n}, (_, i) => i);
      idx.sort((a, b) => (this.scores[a] || 0) - (this.scores[b] || 0));
      this.order = Int32Array.from(idx);
    }
  };

  /** The screen position of point i, in canvas pixels. */
  View.prototype.screenOf = function (i) {
    return [(this.xy[2 * i] - this.cx) * this.k + this.w / 2, this.h / 2 - (this.xy[2 * i + 1] - this.cy) * this.k];
  };

  View.prototype.pointSize = function () {
    const base = this.n > 200000 ? 1 : this.n > 20000 ? 2 : 3;
    return Math.min(8, base + Math.max(0, Math.floor(Math.log2(this.k / this.k0))));
  };

  View.prototype.draw = function () {
    const started = performance.now();
    const w = this.w, h = this.h, px = this.pixels, xy = this.xy;
    px.fill(0xffffffff);
    const s = this.pointSize();
    const half = s >> 1;
    const k = this.k, ox = w / 2 - this.cx * k, oy = h / 2 + this.cy * k;
    const n = this.n, order = this.order;
    let drawn = 0;
    for (let q = 0; q < n; q++) {
      const i = order ? order[q] : q;
      if (!this.visible(i)) continue;
      const x = Math.round(xy[2 * i] * k + ox) - half;
      const y = Math.round(oy - xy[2 * i + 1] * k) - half;
      if (x + s <= 0 || y + s <= 0 || x >= w || y >= h) continue;
      const c = this.colour[i];
      drawn++;
      for (let dy = Math.max(0, y); dy < Math.min(h, y + s); dy++) {
        const row = dy * w;
        for (let dx = Math.max(0, x); dx < Math.min(w, x + s); dx++) px[row + dx] = c;
      }
    }
    this.drawnCount = drawn;
    this.ctx.putImageData(this.image, 0, 0);
    const ring = (i, colour) => {
      const [x, y] = this.screenOf(i);
      this.ctx.strokeStyle = colour;
      this.ctx.lineWidth = 2;
      this.ctx.beginPath();
      this.ctx.arc(x, y, s + 5, 0, 2 * Math.PI);
      this.ctx.stroke();
    };
    if (this.pinned >= 0) ring(this.pinned, '#000');
    if (this.hover >= 0 && this.hover !== this.pinned) ring(this.hover, '#555');
    if (this.box) {
      const [a, b, c, d] = this.box;
      this.ctx.strokeStyle = '#000';
      this.ctx.lineWidth = 1;
      this.ctx.setLineDash([4, 3]);
      this.ctx.strokeRect(Math.min(a, c) + 0.5, Math.min(b, d) + 0.5, Math.abs(c - a), Math.abs(d - b));
      this.ctx.setLineDash([]);
    }
    this.status.textContent = fmt(drawn) + ' of ' + fmt(n) + ' points drawn, zoom '
      + (this.k / this.k0).toFixed(1) + '×';
    this.lastDrawMs = performance.now() - started;
  };

  View.prototype.zoomBy = function (f, sx, sy) {
    if (sx == null) { sx = this.w / 2; sy = this.h / 2; }
    const x = this.cx + (sx - this.w / 2) / this.k;
    const y = this.cy - (sy - this.h / 2) / this.k;
    this.k = Math.max(this.k0 / 4, Math.min(this.k0 * 4096, this.k * f));
    this.cx = x - (sx - this.w / 2) / this.k;
    this.cy = y + (sy - this.h / 2) / this.k;
    this.draw();
  };

  View.prototype.wire = function () {
    const c = this.canvas;
    let down = null;
    const pos = (e) => { const r = c.getBoundingClientRect(); return [e.clientX - r.left, e.clientY - r.top]; };
    c.addEventListener('mousedown', (e) => {
      const [x, y] = pos(e);
      down = {x, y, cx: this.cx, cy: this.cy, shift: e.shiftKey, moved: false};
      e.preventDefault();
    });
    window.addEventListener('mousemove', (e) => {
      const [x, y] = pos(e);
      if (down) {
        if (Math.abs(x - down.x) + Math.abs(y - down.y) > 3) down.moved = true;
        if (down.shift) { this.box = [down.x, down.y, x, y]; this.draw(); return; }
        if (down.moved) {
          this.cx = down.cx - (x - down.x) / this.k;
          this.cy = down.cy + (y - down.y) / this.k;
          this.draw();
        }
        return;
      }
      if (e.target !== c) return;
      const i = this.nearest(x, y, Math.max(6, this.pointSize() + 4));
      if (i !== this.hover) {
        this.hover = i;
        if (this.pinned < 0) this.showCard(i, x, y);
        this.draw();
      }
    });
    window.addEventListener('mouseup', (e) => {
      if (!down) return;
      const [x, y] = pos(e);
      const d = down;
      down = null;
      if (d.shift && d.moved) {
        this.select(d.x, d.y, x, y);
        this.box = null;
        this.draw();
        return;
      }
      if (!d.moved && e.target === c) {
        const i = this.nearest(x, y, Math.max(6, this.pointSize() + 4));
        this.pin(i);
      }
    });
    c.addEventListener('mouseleave', () => {
      if (!down && this.hover >= 0) { this.hover = -1; if (this.pinned < 0) this.showCard(-1); this.draw(); }
    });
    c.addEventListener('wheel', (e) => {
      e.preventDefault();
      const [x, y] = pos(e);
      this.zoomBy(Math.pow(1.0015, -e.deltaY), x, y);
    }, {passive: false});
  };

  View.prototype.pin = function (i) {
    this.pinned = i;
    if (i >= 0) {
      const [x, y] = this.screenOf(i);
      this.showCard(i, x, y);
    } else {
      this.showCard(-1);
    }
    this.card.classList.toggle('es-pinned', i >= 0);
    this.draw();
  };

  View.prototype.splitName = function (i) {
    return this.split ? this.d.splitNames[this.split[i]] : this.d.splitNames[0];
  };

  View.prototype.showCard = function (i, x, y) {
    const card = this.card;
    if (i < 0) { card.hidden = true; card.dataset.index = ''; return; }
    card.innerHTML = '';
    card.dataset.index = String(i);
    card.dataset.row = String(this.rows[i]);
    card.dataset.split = this.splitName(i);
    if (this.tile && this.tile[i] >= 0) {
      const t = el('canvas', 'es-thumb');
      const a = this.d.atlas;
      const z = Math.max(1, Math.floor(112 / Math.max(a.tileWidth, a.tileHeight)));
      t.width = a.tileWidth * z;
      t.height = a.tileHeight * z;
      this.drawTile(t.getContext('2d'), this.tile[i], 0, 0, z);
      card.appendChild(t);
    } else if (this.d.atlas) {
      card.appendChild(el('p', 'es-muted', 'no thumbnail for this row (sampled, see the notes)'));
    }
    card.appendChild(el('p', 'es-row', 'row ' + this.rows[i] + ' · ' + this.splitName(i)));
    if (this.labels) {
      const name = this.d.classNames[this.labels[i]];
      card.dataset.label = name;
      const p = el('p', 'es-label');
      const sw = el('span', 'es-swatch');
      sw.style.background = this.d.colours[this.labels[i] % this.d.colours.length];
      p.appendChild(sw);
      p.appendChild(document.createTextNode(name));
      card.appendChild(p);
    }
    if (this.scores) card.appendChild(el('p', 'es-score', this.d.scoreName + ' ' + this.scores[i].toFixed(3)));
    if (this.d.columns && this.d.columns.length) {
      const table = el('table', 'es-values');
      for (const col of this.d.columns) {
        const tr = el('tr');
        tr.appendChild(el('th', null, col.name));
        tr.appendChild(el('td', null, this.cell(col, i)));
        table.appendChild(tr);
      }
      card.appendChild(table);
    }
    card.hidden = false;
    const r = this.canvas.getBoundingClientRect();
    card.style.left = Math.min(Math.max(0, r.width - 260), x + 14) + 'px';
    card.style.top = Math.min(Math.max(0, r.height - card.offsetHeight), y + 14) + 'px';
  };

  View.prototype.cell = function (col, i) {
    if (!col.decoded) {
      col.decoded = col.values != null ? floats(col.values) : ints(col.codes);
    }
    const v = col.decoded[i];
    if (col.values != null) {
      if (v !== v) return '(missing)';
      if (col.type === 'date') return new Date(v * 86400000).toISOString().slice(0, 10);
      return Number.isInteger(v) ? String(v) : String(Math.round(v * 1e6) / 1e6);
    }
    return v < 0 ? '(missing)' : col.levels[v];
  };

  View.prototype.loadSheets = function () {
    const a = this.d.atlas;
    if (!a) return;
    this.sheets = a.sheets.map((b64) => {
      const img = new Image();
      img.src = URL.createObjectURL(new Blob([bytes(b64)], {type: 'image/png'}));
      return img;
    });
  };

  View.prototype.drawTile = function (ctx, t, x, y, z) {
    const a = this.d.atlas;
    const sheet = this.sheets[Math.floor(t / a.perSheet)];
    const k = t % a.perSheet;
    const sx = (k % a.columns) * a.tileWidth, sy = Math.floor(k / a.columns) * a.tileHeight;
    const paint = () => {
      ctx.imageSmoothingEnabled = false;
      ctx.drawImage(sheet, sx, sy, a.tileWidth, a.tileHeight, x, y, a.tileWidth * z, a.tileHeight * z);
    };
    if (sheet.complete && sheet.naturalWidth) paint(); else sheet.addEventListener('load', paint, {once: true});
  };

  View.prototype.legend = function () {
    const box = this.legendBox;
    box.innerHTML = '';
    const d = this.d;
    const splitMode = this.mode === 'split';
    if (this.mode === 'score') {
      const ramp = el('div', 'es-ramp');
      ramp.appendChild(el('span', null, '0'));
      ramp.appendChild(el('span', 'es-ramp-bar'));
      ramp.appendChild(el('span', null, '1'));
      box.appendChild(el('p', 'es-muted', d.scoreName + ' (high drawn on top)'));
      box.appendChild(ramp);
    }
    const names = splitMode ? d.splitNames : this.labels ? d.classNames : [];
    const colours = splitMode ? d.splitColours : d.colours;
    const counts = new Array(names.length).fill(0);
    const of = splitMode ? this.split : this.labels;
    if (of) for (let i = 0; i < this.n; i++) counts[of[i]]++;
    const on = splitMode ? this.splitOn : this.classOn;
    const list = el('ul');
    names.forEach((name, c) => {
      const li = el('li');
      li.dataset.entry = String(c);
      li.title = 'click: show or hide · shift-click: only this one';
      const sw = el('span', 'es-swatch');
      sw.style.background = this.mode === 'score' ? '#888' : colours[c % colours.length];
      li.appendChild(sw);
      li.appendChild(el('span', 'es-name', name));
      li.appendChild(el('span', 'es-count', fmt(counts[c])));
      if (!on[c]) li.classList.add('es-off');
      li.addEventListener('click', (e) => {
        if (e.shiftKey) {
          const only = on.every((v, j) => (v === 1) === (j === c));
          on.fill(only ? 1 : 0);
          on[c] = 1;
        } else {
          on[c] = on[c] ? 0 : 1;
        }
        if (this.pinned >= 0 && !this.visible(this.pinned)) this.pin(-1);
        this.legend();
        this.draw();
      });
      list.appendChild(li);
    });
    box.appendChild(list);
  };

  View.prototype.find = function (text) {
    const m = /^\s*(?:([A-Za-z][\w+.\- ]*?)\s*[: ]\s*)?#?(\d+)\s*$/.exec(text);
    if (!m) { this.message.textContent = 'type a row id, e.g. 17 or test 17'; return -1; }
    const want = m[1] ? m[1].toLowerCase() : null;
    const row = parseInt(m[2], 10);
    for (let i = 0; i < this.n; i++) {
      if (this.rows[i] === row && (!want || this.splitName(i).toLowerCase() === want)) {
        if (this.labels) this.classOn[this.labels[i]] = 1;
        if (this.split) this.splitOn[this.split[i]] = 1;
        this.legend();
        this.cx = this.xy[2 * i];
        this.cy = this.xy[2 * i + 1];
        this.k = Math.max(this.k, this.k0 * 4);
        this.message.textContent = '';
        this.pin(i);
        return i;
      }
    }
    this.message.textContent = 'no row ' + row + (want ? ' in ' + want : '') + ' in this view';
    return -1;
  };

  View.prototype.select = function (x0, y0, x1, y1) {
    const ax = Math.min(x0, x1), bx = Math.max(x0, x1), ay = Math.min(y0, y1), by = Math.max(y0, y1);
    const chosen = [];
    for (let i = 0; i < this.n; i++) {
      if (!this.visible(i)) continue;
      const [x, y] = this.screenOf(i);
      if (x >= ax && x <= bx && y >= ay && y <= by) chosen.push(i);
    }
    this.selected = chosen;
    const box = this.selection;
    box.innerHTML = '';
    box.appendChild(el('h3', null, fmt(chosen.length) + ' selected'));
    const clear = el('button', null, 'clear');
    clear.addEventListener('click', () => { this.selected = null; box.innerHTML = ''; });
    box.appendChild(clear);
    if (this.labels) {
      const counts = new Map();
      for (const i of chosen) counts.set(this.labels[i], (counts.get(this.labels[i]) || 0) + 1);
      const table = el('table', 'es-counts');
      [...counts.entries()].sort((a, b) => b[1] - a[1]).forEach(([c, k]) => {
        const tr = el('tr');
        tr.dataset.class = this.d.classNames[c];
        tr.appendChild(el('td', null, this.d.classNames[c]));
        tr.appendChild(el('td', null, fmt(k)));
        tr.appendChild(el('td', null, (100 * k / chosen.length).toFixed(1) + ' %'));
        table.appendChild(tr);
      });
      box.appendChild(table);
    }
    if (this.tile) {
      const withTile = chosen.filter((i) => this.tile[i] >= 0).slice(0, 100);
      if (withTile.length) {
        const a = this.d.atlas;
        const z = Math.max(1, Math.floor(40 / Math.max(a.tileWidth, a.tileHeight)));
        const cols = 10;
        const m = el('canvas', 'es-montage');
        m.width = cols * (a.tileWidth * z + 2);
        m.height = Math.ceil(withTile.length / cols) * (a.tileHeight * z + 2);
        const ctx = m.getContext('2d');
        withTile.forEach((i, k) => this.drawTile(ctx, this.tile[i], (k % cols) * (a.tileWidth * z + 2),
          Math.floor(k / cols) * (a.tileHeight * z + 2), z));
        box.appendChild(el('p', 'es-muted', 'the first ' + withTile.length + ' selected images'));
        box.appendChild(m);
      }
    }
    return chosen.length;
  };

  window.embedscopeViews = window.embedscopeViews || [];
  function start() {
    document.querySelectorAll('script.es-data').forEach((s) => {
      if (s.dataset.started) return;
      s.dataset.started = '1';
      const root = document.getElementById(s.dataset.view);
      const v = new View(root, JSON.parse(s.textContent));
      v.draw();
      window.embedscopeViews.push(v);
      // a link to a row: page.html#row=17 (or #row=test 17) opens with that row found and pinned
      const m = /row=([^&]+)/.exec(decodeURIComponent(location.hash));
      if (m) v.find(m[1]);
    });
    // milliseconds from navigation to every view drawn, for bench/view-open.sh
    document.documentElement.dataset.drawnMs = String(Math.round(performance.now()));
    // and how long one redraw takes (a pan or zoom step), measured on a second draw
    window.embedscopeViews.forEach((v) => v.draw());
    document.documentElement.dataset.redrawMs = window.embedscopeViews.map((v) => v.lastDrawMs.toFixed(1)).join(',');
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start); else start();
})();
