/** What tells one node of the call center from another: its name, for the rows it owns. */
package org.ccphone.cluster;
