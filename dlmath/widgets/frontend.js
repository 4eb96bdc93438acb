// dlmath's app picture (dlmath/widgets/_front.py): a matplotlib PNG background and a scene drawn on
// a canvas at the screen's pixel ratio. The scene format is described in dlmath/widgets/_scene.py.

function decodeImage(image) {
  // an RGBA image of the scene (e.g. a decision boundary) as a canvas, to be drawn scaled
  const [h, w] = image.shape;
  const bytes = new Uint8ClampedArray(image.rgba.buffer, image.rgba.byteOffset, image.rgba.byteLength);
  const c = document.createElement("canvas");
  c.width = w;
  c.height = h;
  c.getContext("2d").putImageData(new ImageData(new Uint8ClampedArray(bytes), w, h), 0, 0);
  return c;
}

function pointArray(packed, j) {
  // point array j: [start, length] of packed.arrays in packed.points, the bytes of one float32
  // array [x0, y0, x1, y1, ...] (NaN for a gap), read in place
  if (!packed.all) {
    const v = packed.points instanceof ArrayBuffer ? new DataView(packed.points) : packed.points;
    const aligned = v.byteOffset % 4 === 0;
    const buffer = aligned ? v.buffer : v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength);
    packed.all = new Float32Array(buffer, aligned ? v.byteOffset : 0, v.byteLength >> 2);
  }
  const [start, length] = packed.arrays[j];
  return packed.all.subarray(start, start + length);
}

function polyline(ctx, a, n) {
  let pen = false;
  for (let i = 0; i < n; i++) {
    const x = a[2 * i], y = a[2 * i + 1];
    if (x !== x || y !== y) { pen = false; continue; } // NaN: a gap
    if (pen) ctx.lineTo(x, y); else ctx.moveTo(x, y);
    pen = true;
  }
}

function marker(ctx, outline, x, y) {
  ctx.beginPath();
  for (let i = 0; i < outline.length; i += 2) {
    const px = x + outline[i], py = y + outline[i + 1];
    if (i === 0) ctx.moveTo(px, py); else ctx.lineTo(px, py);
  }
}

function drawPoints(ctx, s, a, n) {
  if (s.kind === "patch") {
    ctx.beginPath();
    polyline(ctx, a, n);
    ctx.closePath();
    if (s.fc) { ctx.fillStyle = s.fc; ctx.fill(); }
    if (s.ec && s.lw > 0) { ctx.strokeStyle = s.ec; ctx.lineWidth = s.lw; ctx.stroke(); }
    return;
  }
  if (s.kind === "line" && s.color && s.lw > 0 && n > 1) {
    ctx.beginPath();
    polyline(ctx, a, n);
    ctx.setLineDash(s.dash);
    ctx.strokeStyle = s.color;
    ctx.lineWidth = s.lw;
    ctx.lineJoin = "round";
    ctx.lineCap = s.dash.length ? "butt" : "round";
    ctx.stroke();
    ctx.setLineDash([]);
  }
  if (!s.marker) return;
  for (let i = 0; i < n; i++) {
    const x = a[2 * i], y = a[2 * i + 1];
    if (x !== x || y !== y) continue;
    marker(ctx, s.marker, x, y);
    const fill = s.kind === "scatter" ? s.colors[i % s.colors.length] : s.mfc;
    if (s.filled !== false && fill) { ctx.closePath(); ctx.fillStyle = fill; ctx.fill(); }
    const edge = s.filled === false ? s.mec || s.color : s.mec;
    if (edge && s.mew > 0) { ctx.strokeStyle = edge; ctx.lineWidth = s.mew; ctx.stroke(); }
  }
}

function drawText(ctx, s, text, x, y) {
  ctx.font = `${s.weight} ${s.size}px "DejaVu Sans", Verdana, sans-serif`;
  ctx.fillStyle = s.color;
  ctx.textAlign = s.align;
  ctx.textBaseline = s.baseline;
  const lines = text.split("\n");
  const step = 1.2 * s.size;
  const top = s.baseline === "top" ? 0 : s.baseline === "middle" ? -(lines.length - 1) * step / 2 : -(lines.length - 1) * step;
  lines.forEach((line, i) => ctx.fillText(line, x, y + top + i * step));
}

function frameKey(packed, i) {
  // what frame i of a packed scene shows, as text: equal keys draw equal pictures
  if (!packed || !packed.frames || i >= packed.frames.length) return null;
  const items = packed.frames[i].map((item) => {
    const s = packed.styles[item[0]];
    if (s.kind === "text") return [s, item.slice(1)];
    if (s.kind === "image") return [s, packed.images[item[1]].shape, item[1]];
    return [s, Array.from(pointArray(packed, item[1]).subarray(0, 2 * item[2]))];
  });
  return JSON.stringify([items, (packed.alts || [])[i], (packed.infos || [])[i]]);
}

function drawScene(ctx, packed, index, images) {
  for (const item of packed.frames[index]) {
    const s = packed.styles[item[0]];
    ctx.save();
    if (s.clip) {
      ctx.beginPath();
      ctx.rect(s.clip[0], s.clip[1], s.clip[2] - s.clip[0], s.clip[3] - s.clip[1]);
      ctx.clip();
    }
    if (s.kind === "text") drawText(ctx, s, item[1], item[2], item[3]);
    else if (s.kind === "image") {
      if (!images.has(item[1])) images.set(item[1], decodeImage(packed.images[item[1]]));
      ctx.imageSmoothingEnabled = true;
      ctx.drawImage(images.get(item[1]), s.box[0], s.box[1], s.box[2] - s.box[0], s.box[3] - s.box[1]);
    } else drawPoints(ctx, s, pointArray(packed, item[1]), item[2]);
    ctx.restore();
  }
}

const KEPT = 64; // decoded backgrounds kept per picture, the most recently used (as Stage.KEPT)

function backgroundStore(model) {
  // the decoded backgrounds of one picture (key -> {bitmap}, oldest first), shared by its views
  // and kept from the model's start on: backgrounds sent ahead before a view exists are kept too
  const entries = new Map();
  const ready = new Set(); // the views' redraws, called when the background on show is decoded
  function take() {
    const key = model.get("background_key");
    const data = model.get("background");
    if (!key || !data || !data.byteLength || entries.has(key)) return;
    const entry = { bitmap: null };
    entries.set(key, entry);
    for (const [old, e] of entries) {
      if (entries.size <= KEPT) break;
      if (old === model.get("view")) continue;
      if (e.bitmap) e.bitmap.close();
      entries.delete(old); // the kernel sends it again if it is asked for
    }
    createImageBitmap(new Blob([data], { type: "image/png" })).then((bitmap) => {
      entry.bitmap = bitmap;
      for (const redraw of ready) redraw(); // a view waiting for it draws (else nothing changes)
    });
  }
  take();
  for (const name of ["background", "background_key"]) model.on(`change:${name}`, take);
  return { entries, ready };
}

function render({ model, el }, store) {
  const root = document.createElement("div");
  root.className = "dlmath-stage";
  const info = document.createElement("div");
  info.className = "dlmath-info";
  info.style.cssText = "min-height:1.5em;font-family:monospace";
  const alt = document.createElement("div");
  alt.className = "dlmath-alt";
  const canvas = document.createElement("canvas");
  canvas.className = "dlmath-picture";
  canvas.setAttribute("role", "img");
  canvas.style.display = "block";
  alt.append(canvas);
  root.append(info, alt);
  el.append(root);

  const backgrounds = store.entries; // a switch back to a view seen before draws at once
  let images = new Map(); // image index -> canvas, for the packed data in use
  let imagesOf = null;
  let pending = false;
  let drawn = 0;
  let shown = null; // [packed, index, background] of the last drawing

  let source = null; // the frame slider or Play whose value is the frame shown (model "source")
  const ref = model.get("source");
  if (ref && model.widget_manager) {
    model.widget_manager.get_model(String(ref).replace(/^IPY_MODEL_/, "")).then((other) => {
      source = other;
      other.on("change:value", schedule);
      schedule();
    });
  }

  function current() {
    const frames = model.get("frames");
    const index = source ? source.get("value") : model.get("frame");
    const i = index - ((frames && frames.first) || 0); // the frames cover first, first + 1, ...
    if (frames && frames.frames && i >= 0 && i < frames.frames.length) return [frames, i];
    return [model.get("scene"), 0];
  }

  function draw() {
    pending = false;
    const t0 = performance.now();
    const [packed, i] = current();
    const view = (packed && packed.views && packed.views[i]) || model.get("view"); // a recorded frame has its own
    const entry = backgrounds.get(view);
    if (entry) { backgrounds.delete(view); backgrounds.set(view, entry); } // the most recently used last
    if (!entry) {
      if (view) model.send({ need: view });
      return;
    }
    if (!entry.bitmap) return; // drawn when it is decoded
    const w = model.get("width"), h = model.get("height");
    const dpr = window.devicePixelRatio || 1;
    // the same picture as on screen (e.g. the slider moved to a frame the page does not hold: the
    // kernel's answer is on its way): nothing to draw
    if (shown && shown[0] === packed && shown[1] === i && shown[2] === view && canvas.width === Math.round(w * dpr)) return;
    if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
      canvas.width = Math.round(w * dpr);
      canvas.height = Math.round(h * dpr);
      canvas.style.width = `${w}px`;
      canvas.style.height = `${h}px`;
    }
    const ctx = canvas.getContext("2d");
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, h);
    ctx.drawImage(entry.bitmap, 0, 0, w, h);
    if (packed && packed.frames && packed.frames.length) {
      if (imagesOf !== packed) { images = new Map(); imagesOf = packed; }
      drawScene(ctx, packed, i, images);
      const text = (packed.alts || [])[i] || "";
      if (canvas.getAttribute("aria-label") !== text) {
        canvas.setAttribute("aria-label", text);
        canvas.setAttribute("title", text);
      }
      const html = (packed.infos || [])[i] || "";
      if (info.innerHTML !== html) info.innerHTML = html;
    }
    shown = [packed, i, view];
    drawn += 1;
    canvas.dataset.drawn = String(drawn); // observed by the benchmark and the browser test
    canvas.dataset.source = packed === model.get("scene") ? "scene" : `frame ${i}`;
    canvas.dataset.dpr = String(dpr);
    canvas.dataset.drawMs = (performance.now() - t0).toFixed(1); // read by the benchmark
  }

  function schedule() {
    if (!pending) {
      pending = true;
      requestAnimationFrame(draw);
    }
  }

  schedule();
  store.ready.add(schedule);
  for (const name of ["view", "scene", "frame", "width", "height"]) model.on(`change:${name}`, schedule);
  model.on("change:frames", () => {
    // the recorded frames of the run on show arrive after its picture: the frame they give for
    // the slider is usually the picture already drawn, and then there is nothing to draw
    const [packed, i] = current();
    const view = (packed && packed.views && packed.views[i]) || model.get("view");
    if (shown && shown[2] === view && frameKey(packed, i) === frameKey(shown[0], shown[1])) {
      shown = [packed, i, shown[2]];
      return;
    }
    schedule();
  });
  const media = window.matchMedia(`(resolution: ${window.devicePixelRatio}dppx)`);
  const redrawOnZoom = () => { shown = null; schedule(); };
  media.addEventListener("change", redrawOnZoom);
  return () => {
    media.removeEventListener("change", redrawOnZoom);
    store.ready.delete(schedule);
    if (source) source.off("change:value", schedule);
  };
}

export default () => {
  let store = null; // one per picture (model), made before its first view
  return {
    initialize({ model }) {
      store = backgroundStore(model);
    },
    render(view) {
      store = store || backgroundStore(view.model);
      return render(view, store);
    },
  };
};
