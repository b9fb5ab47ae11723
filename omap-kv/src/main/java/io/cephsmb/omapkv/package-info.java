/** librados access and the transactional key-value state over omap objects (filled by issue 3). */
package io.cephsmb.omapkv;
