export * from "./users";
export * from "./organizations";
export * from "./tokens";
export * from "./scim";
export * from "./settings";
export * from "./logs";
