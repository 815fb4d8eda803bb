/**
 * IP networks as operators configure them (comma-separated CIDRs), read once and matched against
 * address literals without any name lookup: the media plane's candidate policy and the web layer's
 * trusted proxies use them.
 */
package org.ccphone.net;
