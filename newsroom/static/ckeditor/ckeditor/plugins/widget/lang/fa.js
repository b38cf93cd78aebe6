/* CKEditor 4's Persian, corrected for the newsroom: half-spaces (ZWNJ, where the original
   has zero-width spaces or none), «نشانی» for URL, English left in it translated.
   Served instead of django-ckeditor's copy: the newsroom app comes first in INSTALLED_APPS. */
/*
 Copyright (c) 2003-2015, CKSource - Frederico Knabben. All rights reserved.
 For licensing, see LICENSE.md or http://ckeditor.com/license
*/
CKEDITOR.plugins.setLang("widget","fa",{move:"کلیک و کشیدن برای جابجایی"});