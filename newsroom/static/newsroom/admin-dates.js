/* The admin's Jalali date and time boxes the way an Iranian desk expects them.
 *
 * django-jalali's picker (a jQuery UI datepicker with a Jalali calendar) is started here
 * instead of by its own admin/main.js, which set it up left to right, with dashes and Latin
 * digits: here it opens beside its box (never under the side menu), shows Persian digits,
 * lets people type slashes and Persian digits, and has «امروز». Django's own «اکنون» for the
 * time writes «۱۰:۳۰». «امروز» and «اکنون» are Tehran's, whatever zone this computer is
 * set to. The server reads what the boxes hold in any of these forms.
 */
"use strict";
{
    const PERSIAN = "۰۱۲۳۴۵۶۷۸۹";
    const toPersian = (text) => String(text).replace(/[0-9]/g, (digit) => PERSIAN[digit]);
    // Persian and Arabic-Indic digits to Latin; direction marks and other invisibles out.
    const toLatin = (text) =>
        String(text)
            .replace(/[۰-۹]/g, (digit) => PERSIAN.indexOf(digit))
            .replace(/[٠-٩]/g, (digit) => digit.charCodeAt(0) - 0x660)
            .replace(/[\u200b-\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff]/g, "")
            .trim();
    const pad = (number) => String(number).padStart(2, "0");

    /* «1405-9-9», «۹/۹/۱۴۰۵», «۱۴۰۵۰۹۰۹» → «1405/09/09»; null when it is no date (the server
     * says why). newsroom/persian/jalali.py parse_date reads the same forms. */
    function canonicalDate(text) {
        const typed = toLatin(text);
        const separator = "\\s*[/\\-.\\u066b\\u066c]\\s*";
        let match = typed.match(new RegExp(`^(\\d{4})${separator}(\\d{1,2})${separator}(\\d{1,2})$`));
        match = match || typed.match(/^(\d{4})(\d{2})(\d{2})$/);
        if (match) {
            return `${match[1]}/${pad(match[2])}/${pad(match[3])}`;
        }
        match = typed.match(new RegExp(`^(\\d{1,2})${separator}(\\d{1,2})${separator}(\\d{4})$`));
        return match ? `${match[3]}/${pad(match[2])}/${pad(match[1])}` : null;
    }

    /* «10:30», «۱۰:۳۰:۰۰» → «10:30» (seconds kept when there are some); null otherwise. */
    function canonicalTime(text) {
        const match = toLatin(text).match(/^(\d{1,2})\s*[:.]\s*(\d{2})(?:\s*[:.]\s*(\d{2}))?$/);
        if (!match) {
            return null;
        }
        const seconds = match[3] && match[3] !== "00" ? `:${match[3]}` : "";
        return `${pad(match[1])}:${match[2]}${seconds}`;
    }

    /* Tehran's wall clock as a Date's local fields (Django's calendar.js knows the server's
     * offset from the page). */
    function tehranNow() {
        return window.CalendarNamespace ? window.CalendarNamespace.serverToday() : new Date();
    }

    /* Today in Tehran as django-jalali's JalaliDate (months from 0). */
    function tehranToday() {
        const now = tehranNow();
        // JalaliDate pushes times after noon two hours on: give it a midnight.
        return new window.JalaliDate(new Date(now.getFullYear(), now.getMonth(), now.getDate()));
    }

    function todayText() {
        const day = tehranToday();
        return toPersian(`${day.getFullYear()}/${pad(day.getMonth() + 1)}/${pad(day.getDate())}`);
    }

    function setValue(input, value) {
        input.value = value;
        input.dispatchEvent(new Event("change", { bubbles: true }));
    }

    // Typed boxes settle into the shown form when left: «1405-9-9» becomes «۱۴۰۵/۰۹/۰۹».
    document.addEventListener("change", (event) => {
        const input = event.target;
        const canonical = input.classList.contains("vjDateField")
            ? canonicalDate(input.value)
            : input.classList.contains("vTimeField") && canonicalTime(input.value);
        if (canonical && toPersian(canonical) !== input.value) {
            input.value = toPersian(canonical);
        }
    });

    // Django's «اکنون» and its clock's choices write «22:44:10»; we show «۲۲:۴۴».
    const shortcuts = window.DateTimeShortcuts;
    if (shortcuts && !shortcuts.newsroomDigits) {
        const quicklink = shortcuts.handleClockQuicklink;
        shortcuts.handleClockQuicklink = function (num, value) {
            quicklink.call(this, num, value);
            const input = shortcuts.clockInputs[num];
            setValue(input, toPersian(canonicalTime(input.value).slice(0, 5)));
        };
        shortcuts.newsroomDigits = true;
    }

    const jQuery = [window.django && window.django.jQuery, window.jQuery].find(
        (candidate) => candidate && candidate.datepicker,
    );
    if (jQuery && !jQuery.datepicker.newsroomDigits) {
        const picker = jQuery.datepicker;
        picker.newsroomDigits = true;
        const { formatDate, parseDate, _generateHTML, _selectDay } = picker;

        // The picker reads and writes Latin digits: people see and type Persian ones.
        picker.formatDate = function (...args) {
            return toPersian(formatDate.apply(this, args));
        };
        picker.parseDate = function (format, value, settings) {
            return parseDate.call(this, format, canonicalDate(value) || toLatin(value), settings);
        };
        picker._generateHTML = function (...args) {
            // Today marked (the picker's own mark takes the Gregorian date for a Jalali one
            // and never shows), then digits in the text between tags; attributes (data-year…)
            // and entities stay.
            const today = tehranToday();
            const todayCell = new RegExp(
                `(data-month='${today.getMonth()}' data-year='${today.getFullYear()}'><a class='[^']*)(' href='#')(>${today.getDate()}<)`,
            );
            return _generateHTML
                .apply(this, args)
                .replace(todayCell, "$1 ui-state-highlight$2 aria-current='date'$3")
                .replace(/>([^<]+)</g, (_, text) => `>${text.replace(/&#?\w+;|[0-9]/g, (part) => (part.length > 1 ? part : PERSIAN[part]))}<`);
        };
        picker._selectDay = function (id, month, year, cell) {
            const link = cell.querySelector("a");
            link.textContent = toLatin(link.textContent); // the picker reads the day from it
            return _selectDay.call(this, id, month, year, cell);
        };
        // «امروز» in the picker picks today; jQuery UI's only shows its month.
        picker._gotoToday = function (id) {
            const input = jQuery(id)[0];
            this._hideDatepicker();
            setValue(input, todayText());
        };
        // Beside its box and inside the window: right-aligned under the box (or above it
        // when the window has no room below), never past either edge.
        picker._checkOffset = function (inst, offset, isFixed) {
            const box = inst.input[0].getBoundingClientRect();
            const width = inst.dpDiv.outerWidth();
            const height = inst.dpDiv.outerHeight();
            const view = document.documentElement;
            const margin = 8;
            let left = Math.min(box.right - width, view.clientWidth - margin - width);
            left = Math.max(margin, left);
            let top = box.bottom + 4;
            if (top + height > view.clientHeight - margin && box.top - 4 - height >= margin) {
                top = box.top - 4 - height;
            }
            return isFixed ? { left, top } : { left: left + window.scrollX, top: top + window.scrollY };
        };

        const options = {
            dateFormat: "yy/mm/dd",
            isRTL: true,
            changeMonth: true,
            changeYear: true,
            constrainInput: false, // its filter refuses Persian digits and slashes
            showOn: "focus",
            showAnim: "", // at once: a fading picker reads as half there
            showButtonPanel: true,
            currentText: "امروز",
            closeText: "بستن",
            prevText: "ماه قبل",
            nextText: "ماه بعد",
            dayNames: ["یکشنبه", "دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "جمعه", "شنبه"],
        };

        function addShortcuts(input) {
            // Like Django's «اکنون | 🕒» beside the time: «امروز | 📅».
            const shortcuts = document.createElement("span");
            shortcuts.className = "datetimeshortcuts";
            const today = document.createElement("a");
            today.href = "#";
            today.role = "button";
            today.textContent = "امروز";
            today.addEventListener("click", (event) => {
                event.preventDefault();
                setValue(input, todayText());
            });
            const open = document.createElement("button");
            open.type = "button";
            open.className = "ui-datepicker-trigger"; // a click on it does not close the picker
            open.setAttribute("aria-label", "انتخاب از تقویم");
            open.innerHTML = '<span class="date-icon" title="انتخاب از تقویم"></span>';
            open.addEventListener("click", () => {
                const showing = picker._datepickerShowing && picker._lastInput === input;
                jQuery(input).datepicker(showing ? "hide" : "show");
            });
            shortcuts.append("\u00a0", today, "\u00a0|\u00a0", open);
            input.after(shortcuts);
        }

        function start() {
            for (const input of document.querySelectorAll("input.vjDateField")) {
                if (input.id.includes("__prefix__") || input.classList.contains("hasDatepicker")) {
                    continue;
                }
                jQuery(input).datepicker(options);
                addShortcuts(input);
            }
        }

        jQuery(start);
        document.addEventListener("formset:added", start);
        // jQuery UI closes the picker on a click elsewhere or Tab; focus moved any other way
        // (a tap on the next box, a script) must not leave it over the form.
        document.addEventListener("focusin", (event) => {
            const target = event.target;
            if (
                picker._datepickerShowing &&
                target !== picker._lastInput &&
                !target.closest("#ui-datepicker-div, .ui-datepicker-trigger")
            ) {
                picker._hideDatepicker();
            }
        });
        // A date being typed needs no picker: it goes at the first keystroke, so it never
        // lies over the time box below, where the next click lands (its button brings it back).
        document.addEventListener("input", (event) => {
            if (picker._datepickerShowing && event.target === picker._lastInput) {
                picker._hideDatepicker();
            }
        });
    }
}
