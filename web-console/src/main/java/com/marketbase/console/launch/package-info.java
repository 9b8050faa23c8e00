/**
 * The jobs this server can launch, with their parameter forms.
 */
package com.marketbase.console.launch;
