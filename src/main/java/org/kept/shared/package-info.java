/** What every module shares: the clock, problem responses, masking, paging and auditable events. */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.kept.shared;
