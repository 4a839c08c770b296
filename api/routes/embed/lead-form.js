/*
 * Herald's embeddable lead form. Paste where the form should appear:
 *   <div data-herald-lead-form="lfm_…"></div>
 *   <script src="https://<herald>/embed/lead-form.js" async></script>
 * Plain ES2017, no dependencies. It draws an accessible form in every such element, reads the page's UTM
 * parameters, and posts to the Herald API it was loaded from. Styles are minimal, under `hlf-` class names and
 * wrapped in :where() (no specificity), so any rule of the host page wins.
 */
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || !script.src) return;
  var api = script.src.replace(/\/embed\/lead-form\.js(?:[?#].*)?$/, '');
  var ID = /^[A-Za-z0-9_-]{1,64}$/;
  var counter = 0;

  var CSS = [
    ':where(.hlf-form){display:grid;gap:1rem;max-width:36rem;font:inherit;color:inherit}',
    ':where(.hlf-field){display:grid;gap:.25rem}',
    ':where(.hlf-label){font-weight:600}',
    ':where(.hlf-input){font:inherit;padding:.5rem .625rem;border:1px solid #6b7280;border-radius:.375rem;background:#fff;color:#111827}',
    ':where(.hlf-input[aria-invalid="true"]){border-color:#b3261e}',
    ':where(.hlf-input:focus-visible),:where(.hlf-submit:focus-visible),:where(.hlf-check:focus-visible){outline:2px solid #2563eb;outline-offset:2px}',
    ':where(.hlf-hint),:where(.hlf-note){margin:0;font-size:.875em}',
    ':where(.hlf-error),:where(.hlf-form-error){margin:0;color:#b3261e;font-size:.875em}',
    ':where(.hlf-error:empty),:where(.hlf-form-error:empty){display:none}',
    ':where(.hlf-consent){display:flex;gap:.5rem;align-items:flex-start}',
    ':where(.hlf-check){margin-top:.25rem}',
    ':where(.hlf-hp){position:absolute!important;left:-10000px!important;width:1px;height:1px;overflow:hidden}',
    ':where(.hlf-submit){justify-self:start;font:inherit;font-weight:600;padding:.5rem 1rem;border:0;border-radius:.375rem;background:#1f2937;color:#fff;cursor:pointer}',
    ':where(.hlf-submit[disabled]){opacity:.7;cursor:progress}',
    ':where(.hlf-success){margin:0;max-width:36rem;padding:.75rem 1rem;border:1px solid #15803d;border-radius:.375rem;color:inherit}',
  ].join('\n');

  function addStyles() {
    if (document.getElementById('herald-lead-form-css')) return;
    var style = document.createElement('style');
    style.id = 'herald-lead-form-css';
    style.textContent = CSS;
    (document.head || document.documentElement).appendChild(style);
  }

  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      var value = attributes[name];
      if (value === false || value === null || value === undefined) return;
      if (name === 'text') node.textContent = value;
      else node.setAttribute(name, value === true ? '' : String(value));
    });
    (children || []).forEach(function (child) {
      node.appendChild(child);
    });
    return node;
  }

  /** A submission id per drawn form, the same for every retry of it: a double click makes one lead. */
  function submissionId() {
    var bytes = new Uint8Array(16);
    (window.crypto || window.msCrypto).getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }

  function field(prefix, spec) {
    var id = prefix + '-' + spec.name;
    var errorId = id + '-error';
    var describedBy = [spec.hint ? id + '-hint' : null, errorId].filter(Boolean).join(' ');
    var input = el(spec.multiline ? 'textarea' : 'input', {
      id: id,
      name: spec.name,
      class: 'hlf-input',
      type: spec.multiline ? null : spec.type,
      rows: spec.multiline ? 4 : null,
      autocomplete: spec.autocomplete,
      required: spec.required,
      'aria-describedby': describedBy,
      maxlength: spec.maxlength,
    });
    var label = el('label', { for: id, class: 'hlf-label' }, [document.createTextNode(spec.label)]);
    if (spec.required) label.appendChild(el('span', { class: 'hlf-required', 'aria-hidden': 'true', text: ' *' }));
    var children = [label];
    if (spec.hint) children.push(el('p', { id: id + '-hint', class: 'hlf-hint', text: spec.hint }));
    children.push(input, el('p', { id: errorId, class: 'hlf-error' }));
    return { name: spec.name, input: input, error: children[children.length - 1], node: el('div', { class: 'hlf-field' }, children) };
  }

  function message(container, text, cls) {
    container.textContent = '';
    container.appendChild(el('p', { class: cls, role: 'status', text: text }));
  }

  function render(container, formId, config) {
    var prefix = 'hlf-' + ++counter;
    var renderedAt = Date.now();
    var key = submissionId();
    var fields = [
      field(prefix, { name: 'name', label: 'Name', type: 'text', autocomplete: 'name', required: true, maxlength: 200 }),
      field(prefix, { name: 'email', label: 'Email', type: 'email', autocomplete: 'email', maxlength: 320 }),
      field(prefix, { name: 'phone', label: 'Phone', type: 'tel', autocomplete: 'tel', maxlength: 40 }),
      field(prefix, { name: 'message', label: 'Message', multiline: true, maxlength: 5000 }),
    ];
    var byName = {};
    fields.forEach(function (f) { byName[f.name] = f; });
    var consentId = prefix + '-consent';
    var consent = el('input', { id: consentId, name: 'consent', type: 'checkbox', class: 'hlf-check' });
    var consentRow = el('div', { class: 'hlf-consent' }, [consent, el('label', { for: consentId, text: config.consentText })]);
    var honeypotId = prefix + '-website';
    var honeypot = el('input', { id: honeypotId, name: 'website', type: 'text', tabindex: '-1', autocomplete: 'off' });
    var trap = el('div', { class: 'hlf-hp', 'aria-hidden': 'true' }, [el('label', { for: honeypotId, text: 'Leave this field empty' }), honeypot]);
    var formError = el('div', { class: 'hlf-form-error', role: 'alert' });
    var button = el('button', { type: 'submit', class: 'hlf-submit', text: 'Send' });
    var form = el('form', { class: 'hlf-form', novalidate: true, 'aria-label': 'Contact form' }, [
      el('p', { class: 'hlf-note', text: 'Fields marked * are required. Give a phone number or an email address, or both.' }),
    ].concat(fields.map(function (f) { return f.node; }), [consentRow, trap, formError, button]));

    function clearErrors() {
      formError.textContent = '';
      fields.forEach(function (f) {
        f.error.textContent = '';
        f.input.removeAttribute('aria-invalid');
      });
    }

    function showErrors(error) {
      var issues = (error && error.issues) || [];
      var first = null;
      var general = [];
      issues.forEach(function (issue) {
        var f = byName[issue.path];
        if (f) {
          if (!f.error.textContent) f.error.textContent = issue.message;
          f.input.setAttribute('aria-invalid', 'true');
          if (!first) first = f.input;
        } else general.push(issue.message);
      });
      if (!issues.length) general.push((error && error.message) || 'The form could not be sent. Please try again.');
      formError.textContent = general.join(' ');
      if (first) first.focus();
    }

    form.addEventListener('submit', function (event) {
      event.preventDefault();
      if (button.disabled) return;
      clearErrors();
      var params = new URLSearchParams(window.location.search);
      var body = {
        name: byName.name.input.value,
        email: byName.email.input.value,
        phone: byName.phone.input.value,
        message: byName.message.input.value,
        consent: consent.checked,
        website: honeypot.value,
        renderedAt: renderedAt,
        submittedAt: Date.now(),
        pageUrl: window.location.href,
        referrer: document.referrer,
      };
      if (consent.checked) body.consentText = config.consentText;
      ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content'].forEach(function (name) {
        var value = params.get(name);
        if (value) body[name] = value.slice(0, 200);
      });
      button.disabled = true;
      button.textContent = 'Sending…';
      fetch(api + '/ingest/forms/' + encodeURIComponent(formId) + '/leads', {
        method: 'POST',
        mode: 'cors',
        credentials: 'omit',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
        body: JSON.stringify(body),
      })
        .then(function (response) {
          return response.json().then(
            function (data) { return { ok: response.ok, data: data }; },
            function () { return { ok: false, data: null }; }
          );
        })
        .then(function (result) {
          if (result.ok) {
            message(container, (result.data && result.data.message) || config.successMessage, 'hlf-success');
            var done = container.firstChild;
            done.setAttribute('tabindex', '-1');
            done.focus();
            return;
          }
          showErrors(result.data && result.data.error);
        })
        .catch(function () {
          showErrors({ message: 'The form could not be sent. Check your connection and try again.' });
        })
        .then(function () {
          button.disabled = false;
          button.textContent = 'Send';
        });
    });

    container.textContent = '';
    container.appendChild(form);
  }

  function mount(container) {
    if (container.getAttribute('data-herald-mounted')) return;
    container.setAttribute('data-herald-mounted', 'true');
    var formId = container.getAttribute('data-herald-lead-form') || '';
    if (!ID.test(formId)) return message(container, 'This form is not set up correctly.', 'hlf-form-error');
    var unavailable = 'This form could not be loaded.';
    fetch(api + '/ingest/forms/' + encodeURIComponent(formId), { mode: 'cors', credentials: 'omit' })
      .then(function (response) {
        return response.json().then(
          function (data) { return { ok: response.ok, data: data }; },
          function () { return { ok: false, data: null }; }
        );
      })
      .then(
        function (result) {
          if (result.ok && result.data && result.data.leadForm) return render(container, formId, result.data.leadForm);
          // The API's own words (a disabled form says so); anything else, a plain sentence.
          message(container, (result.data && result.data.error && result.data.error.message) || unavailable, 'hlf-form-error');
        },
        function () {
          message(container, unavailable, 'hlf-form-error');
        }
      );
  }

  function start() {
    addStyles();
    Array.prototype.forEach.call(document.querySelectorAll('[data-herald-lead-form]'), mount);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
