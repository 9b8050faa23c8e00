/**
 * Who may use the console: viewers read, operators act; form login for pages, HTTP Basic
 * for the API.
 */
package com.marketbase.console.security;
