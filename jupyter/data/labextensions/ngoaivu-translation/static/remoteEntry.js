/*
 * The course's corrections to JupyterLab's Vietnamese language pack, written by hand (no build step): a module
 * federation container in the form JupyterLab's loader expects (window._JUPYTERLAB[name] with init/get).
 *
 * What it does, when the interface is in Vietnamese, from overrides.json beside this file (written from the
 * course's message catalogue grader/messages/lab.yaml by tests/test_lab_translation.py):
 *
 * - "jupyterlab" (and any other translation domain): JupyterLab's translator hands every plugin the same
 *   translation bundle per domain; this plugin wraps that bundle's __() so that a listed msgid reads as the
 *   course says (the close dialog's Discard is "Không lưu", not "Hủy" beside Cancel's "Huỷ"). The ITranslator
 *   token is taken from the shared scope that JupyterLab passes to init(), as a built extension would import it.
 * - "dom": nbgrader's lab extension writes its Assignments tab and Validate dialog in English with no translation
 *   domain; a MutationObserver replaces each listed English text (a whole text node, trimmed; a title or
 *   aria-label) wherever it appears outside a notebook's cells, editors and outputs.
 * - "time": a submission's time as nbgrader's Assignments tab lists it ("2026-12-07 06:22:11.123456 UTC") is
 *   shown (there only, not in the file browser's folder names) in the zone
 *   "time.zone" (Asia/Ho_Chi_Minh) to the second, with the format "time.local" ({gio}, {ngay}).
 */
(function () {
  'use strict';

  var NAME = 'ngoaivu-translation';
  var shared = null;

  function translationModule() {
    var versions = shared && shared['@jupyterlab/translation'];
    if (!versions) {
      return Promise.reject(new Error(NAME + ': @jupyterlab/translation is not shared'));
    }
    var version = Object.keys(versions)[0];
    return Promise.resolve(versions[version].get()).then(function (factory) {
      return factory();
    });
  }

  function overridesUrl() {
    var base = document.body.dataset.baseUrl || '/';
    var config = document.getElementById('jupyter-config-data');
    if (config) {
      try {
        base = JSON.parse(config.textContent).baseUrl || base;
      } catch (err) {
        // keep the default
      }
    }
    return base.replace(/\/?$/, '/') + 'lab/extensions/' + NAME + '/static/overrides.json';
  }

  // Where a trainee's own text is shown: never translated.
  var KEEP = '.jp-Cell, .cm-editor, .jp-OutputArea, .jp-RenderedHTMLCommon, .jp-FileEditor, pre, code, textarea';
  var LISTS = '#nbgrader-assignment-list';
  var STAMP = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?\s*(UTC|Z|[+-]\d{2}:?\d{2})?$/;

  function localTime(text, time) {
    var m = STAMP.exec(text);
    if (!m || !time) {
      return null;
    }
    var offset = 0;
    if (m[7] && m[7] !== 'UTC' && m[7] !== 'Z') {
      var sign = m[7][0] === '-' ? -1 : 1;
      var digits = m[7].replace(/[^0-9]/g, '');
      offset = sign * (parseInt(digits.slice(0, 2), 10) * 60 + parseInt(digits.slice(2, 4), 10));
    }
    var ms = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) - offset * 60000;
    var parts = {};
    new Intl.DateTimeFormat('en-GB', {
      timeZone: time.zone, year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23'
    }).formatToParts(new Date(ms)).forEach(function (p) {
      parts[p.type] = p.value;
    });
    var ngay = parts.day + '/' + parts.month + '/' + parts.year;
    var gio = parts.hour + ':' + parts.minute + ':' + parts.second;
    return time.local.replace('{ngay}', ngay).replace('{gio}', gio);
  }

  function translateDocument(table, time) {
    var own = Object.prototype.hasOwnProperty;

    function replacement(text, element) {
      var key = text.trim();
      if (!key) {
        return null;
      }
      if (own.call(table, key)) {
        return text.replace(key, table[key]);
      }
      // a time only in nbgrader's list (a feedback folder named by its time keeps its name in the file browser)
      var stamp = element && element.closest(LISTS) !== null ? localTime(key, time) : null;
      return stamp === null ? null : text.replace(key, stamp);
    }

    function kept(element) {
      return !element || (element.closest && element.closest(KEEP) !== null);
    }

    function visitText(node) {
      if (kept(node.parentElement)) {
        return;
      }
      var value = replacement(node.nodeValue, node.parentElement);
      if (value !== null && value !== node.nodeValue) {
        node.nodeValue = value;
      }
    }

    function visitElement(element) {
      if (kept(element)) {
        return;
      }
      ['title', 'aria-label'].forEach(function (name) {
        var current = element.getAttribute(name);
        var value = current && replacement(current, element);
        if (value && value !== current) {
          element.setAttribute(name, value);
        }
      });
    }

    function visit(root) {
      if (root.nodeType === 3) {
        visitText(root);
        return;
      }
      if (root.nodeType !== 1) {
        return;
      }
      visitElement(root);
      var walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
      var node = walker.nextNode();
      while (node) {
        if (node.nodeType === 3) {
          visitText(node);
        } else {
          visitElement(node);
        }
        node = walker.nextNode();
      }
    }

    new MutationObserver(function (records) {
      records.forEach(function (record) {
        if (record.type === 'characterData') {
          visitText(record.target);
        } else if (record.type === 'attributes') {
          visitElement(record.target);
        } else {
          record.addedNodes.forEach(visit);
        }
      });
    }).observe(document.body, {
      childList: true, subtree: true, characterData: true, attributes: true,
      attributeFilter: ['title', 'aria-label']
    });
    visit(document.body);
  }

  function plugin(token) {
    return {
      id: NAME + ':overrides',
      description: "The course's corrections to the Vietnamese language pack.",
      autoStart: true,
      requires: [token],
      activate: function (app, translator) {
        var locale = (translator.languageCode || '').toLowerCase();
        if (locale.indexOf('vi') !== 0) {
          return;
        }
        return fetch(overridesUrl(), { credentials: 'same-origin' })
          .then(function (response) {
            return response.ok ? response.json() : {};
          })
          .then(function (overrides) {
            Object.keys(overrides).forEach(function (domain) {
              var table = overrides[domain];
              if (domain === 'dom' || domain === 'time') {
                return;
              }
              var bundle = translator.load(domain);
              var original = bundle.__.bind(bundle);
              bundle.__ = function (msgid) {
                if (Object.prototype.hasOwnProperty.call(table, msgid) && arguments.length === 1) {
                  return table[msgid];
                }
                return original.apply(null, arguments);
              };
            });
            translateDocument(overrides.dom || {}, overrides.time || null);
          })
          .catch(function (err) {
            console.warn(NAME + ': overrides not applied', err);
          });
      }
    };
  }

  var modules = {
    './extension': function () {
      return translationModule().then(function (mod) {
        return { __esModule: true, default: [plugin(mod.ITranslator)] };
      });
    }
  };

  var root = (window._JUPYTERLAB = window._JUPYTERLAB || {});
  root[NAME] = {
    init: function (scope) {
      shared = scope;
      return Promise.resolve();
    },
    get: function (module) {
      if (!Object.prototype.hasOwnProperty.call(modules, module)) {
        return Promise.reject(new Error(NAME + ' has no module ' + module));
      }
      return modules[module]().then(function (exports) {
        return function () {
          return exports;
        };
      });
    }
  };
})();
