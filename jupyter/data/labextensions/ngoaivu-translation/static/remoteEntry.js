/*
 * The course's corrections to JupyterLab's Vietnamese language pack, written by hand (no build step): a module
 * federation container in the form JupyterLab's loader expects (window._JUPYTERLAB[name] with init/get).
 *
 * JupyterLab's translator hands every plugin the same translation bundle per domain; this plugin wraps that
 * bundle's __() so that a msgid listed in overrides.json (beside this file, generated from the course's
 * message catalogue grader/messages/lab.yaml) reads as the course says, when the interface is in Vietnamese.
 * The ITranslator token is taken from the shared scope that JupyterLab passes to init(), as a built
 * extension would import it.
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
              var bundle = translator.load(domain);
              var original = bundle.__.bind(bundle);
              bundle.__ = function (msgid) {
                if (Object.prototype.hasOwnProperty.call(table, msgid) && arguments.length === 1) {
                  return table[msgid];
                }
                return original.apply(null, arguments);
              };
            });
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
