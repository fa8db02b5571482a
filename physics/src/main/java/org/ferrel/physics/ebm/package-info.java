/**
 * The one-dimensional diffusive energy balance model of North (1975) in x = sin(latitude), annual
 * mean: {@link org.ferrel.physics.ebm.EnergyBalanceModel} (tendency, outgoing long-wave and absorbed
 * short-wave radiation written with the engine's operations, a differentiable steady state, an
 * implicit time step), its grid ({@link org.ferrel.physics.ebm.EbmGrid}), the ice-albedo feedback
 * ({@link org.ferrel.physics.ebm.IceEdge}), the declared parameters with North's values
 * ({@link org.ferrel.physics.ebm.EbmParameters}) and North's analytic Legendre solutions
 * ({@link org.ferrel.physics.ebm.LegendreSolution}). See docs/ebm.md.
 *
 * <p>References: North, G. R. (1975), Theory of energy-balance climate models, J. Atmos. Sci. 32,
 * 2033-2043. North, G. R., R. F. Cahalan and J. A. Coakley (1981), Energy balance climate models,
 * Rev. Geophys. Space Phys. 19, 91-121. Cahalan, R. F. and G. R. North (1979), A stability theorem
 * for energy-balance climate models, J. Atmos. Sci. 36, 1178-1188.
 */
package org.ferrel.physics.ebm;
