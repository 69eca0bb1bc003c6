/*
 * framelens client script: progressive enhancement only (every form works
 * without it). Served from /public because the Content-Security-Policy
 * forbids inline scripts. Never inserts HTML: only textContent.
 */
(function () {
  'use strict';

  function setText(el, text) {
    if (el) el.textContent = text;
  }

  // Drag-and-drop onto the upload area fills the file input.
  document.querySelectorAll('[data-dropzone]').forEach(function (zone) {
    var input = zone.querySelector('input[type=file]');
    var list = zone.querySelector('[data-file-list]');
    function showFiles() {
      var names = Array.prototype.map.call(input.files || [], function (f) {
        return f.name;
      });
      setText(
        list,
        names.length
          ? names.length + ' file' + (names.length === 1 ? '' : 's') + ': ' + names.join(', ')
          : '',
      );
    }
    ['dragenter', 'dragover'].forEach(function (type) {
      zone.addEventListener(type, function (e) {
        e.preventDefault();
        zone.classList.add('dragging');
      });
    });
    ['dragleave', 'drop'].forEach(function (type) {
      zone.addEventListener(type, function () {
        zone.classList.remove('dragging');
      });
    });
    zone.addEventListener('drop', function (e) {
      e.preventDefault();
      if (e.dataTransfer && e.dataTransfer.files && e.dataTransfer.files.length) {
        input.files = e.dataTransfer.files;
        showFiles();
      }
    });
    input.addEventListener('change', showFiles);
  });

  // Upload through the API with a progress bar; reload the page when stored.
  document.querySelectorAll('form[data-api]').forEach(function (form) {
    var box = form.querySelector('[data-progress]');
    var bar = box && box.querySelector('progress');
    var status = form.querySelector('[data-progress-text]');
    var errors = form.querySelector('[data-upload-errors]');
    form.addEventListener('submit', function (e) {
      if (!window.FormData || !window.XMLHttpRequest) return;
      e.preventDefault();
      var data = new FormData(form);
      var button = form.querySelector('button[type=submit]');
      errors.replaceChildren();
      box.hidden = false;
      bar.value = 0;
      setText(status, 'Uploading…');
      button.disabled = true;
      var xhr = new XMLHttpRequest();
      xhr.open('POST', form.getAttribute('data-api'));
      xhr.setRequestHeader('Accept', 'application/json');
      xhr.upload.addEventListener('progress', function (ev) {
        if (!ev.lengthComputable) return;
        var p = Math.round((ev.loaded / ev.total) * 100);
        bar.value = p;
        setText(status, p < 100 ? 'Uploading… ' + p + '%' : 'Analysing the articles…');
      });
      xhr.upload.addEventListener('load', function () {
        bar.removeAttribute('value');
        setText(status, 'Analysing the articles…');
      });
      xhr.addEventListener('load', function () {
        var body = null;
        try {
          body = JSON.parse(xhr.responseText);
        } catch (err) {
          body = null;
        }
        if (xhr.status === 201) {
          var n = body && body.articles ? body.articles.length : 0;
          setText(status, 'Stored ' + n + ' article' + (n === 1 ? '' : 's') + '. Reloading…');
          window.location.reload();
          return;
        }
        button.disabled = false;
        box.hidden = true;
        var details = body && body.error && body.error.details ? body.error.details : [];
        var p = document.createElement('p');
        // One list of per-file problems; the summary message would repeat them.
        if (details.length > 1)
          p.textContent = details.length + ' files could not be added; nothing was stored:';
        else
          p.textContent = body && body.error ? body.error.message : 'Upload failed (HTTP ' + xhr.status + ')';
        errors.appendChild(p);
        if (details.length > 1) {
          var ul = document.createElement('ul');
          details.forEach(function (d) {
            var li = document.createElement('li');
            li.textContent = d.message;
            ul.appendChild(li);
          });
          errors.appendChild(ul);
        }
      });
      xhr.addEventListener('error', function () {
        button.disabled = false;
        box.hidden = true;
        setText(errors, 'The upload did not reach the server. Check the connection and try again.');
      });
      xhr.send(data);
    });
  });

  // Keep each tooltip inside the window: shift it left from the right edge, and show it above its
  // highlight when there is no room below.
  var TIP_MARGIN = 8;
  function placeTip(hl) {
    var tip = hl.querySelector('.tip');
    if (!tip) return;
    tip.style.left = '';
    tip.classList.remove('tip-above');
    var width = document.documentElement.clientWidth;
    var box = tip.getBoundingClientRect();
    var shift = 0;
    if (box.right > width - TIP_MARGIN) shift = width - TIP_MARGIN - box.right;
    if (box.left + shift < TIP_MARGIN) shift = TIP_MARGIN - box.left;
    if (shift) tip.style.left = shift + 'px';
    if (box.bottom > window.innerHeight - TIP_MARGIN && box.height < hl.getBoundingClientRect().top) {
      tip.classList.add('tip-above');
    }
  }
  document.querySelectorAll('.hl').forEach(function (hl) {
    hl.addEventListener('mouseenter', function () {
      placeTip(hl);
    });
    hl.addEventListener('focus', function () {
      placeTip(hl);
    });
  });

  // Ask before destructive form posts.
  document.querySelectorAll('form[data-confirm]').forEach(function (form) {
    form.addEventListener('submit', function (e) {
      if (!window.confirm(form.getAttribute('data-confirm'))) e.preventDefault();
    });
  });
})();
