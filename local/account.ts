/** The account the local runtime runs every stack in, unless told otherwise: an id AWS never gives out. */
export const LOCAL_ACCOUNT = '000000000000';
