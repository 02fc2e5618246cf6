/* Start the editor with handover's formats: each kind of record written in its layout. */
(function () {
  "use strict";
  var formats = window.HandoverFormat.formats(window.HANDOVER_LAYOUTS, window.jsyaml);
  formats.forEach(function (format) {
    window.CMS.registerCustomFormat(format[0], format[1], format[2]);
  });
  window.CMS.init();
})();
