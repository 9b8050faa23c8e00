/**
 * Permission probes: every endpoint the jobs call, asked the smallest question that tells
 * a granted endpoint from a refused one, through the sources' own clients and so through
 * the shared quota, with each answer kept in {@code market.permission_probes}.
 */
@NullMarked
package com.marketbase.batch.probe;

import org.jspecify.annotations.NullMarked;
